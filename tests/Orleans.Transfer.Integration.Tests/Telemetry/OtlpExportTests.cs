using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Telemetry;

/// <summary>
/// The real silo exporting by OTLP/HTTP (XFER_OTLP_ENDPOINT) to a small receiver in the test: after a real download,
/// metrics arrive at /v1/metrics and the attempt's span at /v1/traces, as protobuf, under our service name. The bodies
/// are searched for the strings protobuf carries as they are, not decoded.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private const long FileSize = (2L * 1024 * 1024) + 99;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    private readonly List<ReceivedRequest> _received = [];
    private OriginAndRoot? _test;
    private WebhookReceiver? _collector;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        _test = await OriginAndRoot.StartAsync("xfer-otlp-");
        _collector = await WebhookReceiver.StartAsync();

        // An empty protobuf message is a whole ExportServiceResponse: success, nothing rejected.
        _collector.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
            return Task.CompletedTask;
        };
        _silo = new SiloProcess(_test.Subdirectory("home"), new Dictionary<string, string>
        {
            ["XFER_SOCKET"] = Path.Combine(_test.Root, "xfer.sock"),
            ["XFER_OTLP_ENDPOINT"] = _collector.BaseAddress.AbsoluteUri,

            // The SDK's own settings: export every half second rather than every minute and five seconds.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        if (_test is not null)
        {
            await _test.DisposeAsync();
        }
    }

    [Fact]
    public async Task Download_ExportsMetricsAndTheAttemptsSpan_ByOtlpHttp_UnderOurServiceName()
    {
        _test!.Origin.AddGenerated("otlp.bin", FileSize, seed: 21);
        Guid job;
        using (var client = await SiloClients.ConnectAsync(_silo!))
        {
            job = await TelemetryDownloads.RunAsync(
                client.Services.GetRequiredService<ITransferClient>(),
                _silo!,
                TelemetryDownloads.NewOwner("otlp"),
                _test.Origin.UrlFor("otlp.bin"),
                Path.Combine(_test.Root, "otlp.bin"));
        }

        await SiloClients.UntilAsync(
            async () =>
            {
                while (_collector!.HasMoreRequests)
                {
                    _received.Add(await _collector.NextRequestAsync());
                }

                return Has("/v1/metrics", "orleans-transfer-bytes") && Has("/v1/traces", "transfer-attempt");
            },
            "our metrics and the attempt's span at the receiver",
            s_deadline,
            _silo!);

        Assert.All(_received, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("application/x-protobuf", r.ContentType);
            Assert.True(Contains(r.Body, "orleans-transfer"), $"{r.Path} without service.name orleans-transfer");
        });

        // The span carries the job id as an attribute (a trace is one attempt of one job), with the HTTP client's span.
        var traces = _received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.Contains(traces, r => Contains(r.Body, job.ToString()));
        Assert.Contains(traces, r => Contains(r.Body, "http.response.status_code"));
        Assert.Contains(_received, r => r.Path == "/v1/metrics" && Contains(r.Body, "Microsoft.Orleans"));
    }

    private bool Has(string path, string text) => _received.Any(r => r.Path == path && Contains(r.Body, text));

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
