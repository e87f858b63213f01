using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Telemetry;

/// <summary>
/// The real silo with its Prometheus scrape endpoint on (XFER_PROMETHEUS_PORT): real downloads of two owners from a
/// real origin, then a scrape that must show our metrics with exactly the bytes transferred, Orleans' and the
/// runtime's meters, and no job, owner or remote end anywhere.
/// </summary>
public sealed class PrometheusExportTests : IAsyncLifetime
{
    private const long FirstSize = (3L * 1024 * 1024) + 1234;
    private const long SecondSize = (1L * 1024 * 1024) + 77;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new();
    private readonly int _port = LoopbackPorts.Free();
    private OriginAndRoot? _test;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        _test = await OriginAndRoot.StartAsync("xfer-prometheus-");
        _silo = new SiloProcess(_test.Subdirectory("home"), new Dictionary<string, string>
        {
            ["XFER_SOCKET"] = Path.Combine(_test.Root, "xfer.sock"),
            ["XFER_PROMETHEUS_PORT"] = _port.ToString(CultureInfo.InvariantCulture),
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_test is not null)
        {
            await _test.DisposeAsync();
        }

        _http.Dispose();
    }

    [Fact]
    public async Task Scrape_AfterDownloadsOfTwoOwners_ShowsTheBytesTransferred_AndNoJobOwnerOrRemoteEnd()
    {
        _test!.Origin.AddGenerated("telemetry-first.bin", FirstSize, seed: 11);
        _test.Origin.AddGenerated("telemetry-second.bin", SecondSize, seed: 12);
        var owners = new[] { TelemetryDownloads.NewOwner("alpha"), TelemetryDownloads.NewOwner("beta") };
        var jobs = new List<Guid>();
        using (var client = await SiloClients.ConnectAsync(_silo!))
        {
            var transfers = client.Services.GetRequiredService<ITransferClient>();
            jobs.Add(await TelemetryDownloads.RunAsync(
                transfers, _silo!, owners[0], _test.Origin.UrlFor("telemetry-first.bin"), Path.Combine(_test.Root, "first.bin")));
            jobs.Add(await TelemetryDownloads.RunAsync(
                transfers, _silo!, owners[1], _test.Origin.UrlFor("telemetry-second.bin"), Path.Combine(_test.Root, "second.bin")));
        }

        Assert.Equal(FirstSize, new FileInfo(Path.Combine(_test.Root, "first.bin")).Length);
        Assert.Equal(SecondSize, new FileInfo(Path.Combine(_test.Root, "second.bin")).Length);

        // Bytes are counted before the job reports Transferred; the exporter may answer from its short cache.
        var scrape = "";
        await SiloClients.UntilAsync(
            async () =>
            {
                scrape = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/metrics"));
                return DownloadedBytes(scrape) >= FirstSize + SecondSize && scrape.Contains("http_client_request_duration", StringComparison.Ordinal);
            },
            "the downloads' bytes in a scrape",
            s_deadline,
            _silo!);

        Assert.Equal(FirstSize + SecondSize, DownloadedBytes(scrape));
        Assert.Contains("# TYPE orleans_transfer_bytes_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains(Samples(scrape, "orleans_transfer_job_outcomes_total"), s => s.Labels.Contains("outcome=\"Transferred\"", StringComparison.Ordinal) && s.Value >= 2);
        Assert.NotEmpty(Samples(scrape, "orleans_transfer_jobs"));
        Assert.NotEmpty(Samples(scrape, "orleans_transfer_checkpoint_duration_milliseconds_count"));
        Assert.Contains("service_name=\"orleans-transfer\"", scrape, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", scrape, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"System.Runtime\"", scrape, StringComparison.Ordinal);
        var http = Samples(scrape, "http_client_request_duration_seconds_count");
        Assert.Contains(http, s => s.Labels.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal)
            || s.Labels.Contains("http_response_status_code=\"206\"", StringComparison.Ordinal));

        foreach (var job in jobs)
        {
            Assert.DoesNotContain(job.ToString(), scrape, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(job.ToString("N"), scrape, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var owner in owners)
        {
            Assert.DoesNotContain(owner, scrape, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("telemetry-first", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("server_address", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("network_peer_address", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("job_id", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeEndpoint_ListensOnLoopback_AndServesNothingElse()
    {
        await SiloClients.UntilAsync(
            async () => (await _http.GetAsync(new Uri($"http://127.0.0.1:{_port}/metrics"))).IsSuccessStatusCode,
            "a scrape",
            s_deadline,
            _silo!);

        using var other = await _http.GetAsync(new Uri($"http://127.0.0.1:{_port}/v1/jobs"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("Prometheus scrape endpoint listening on http://127.0.0.1:" + _port.ToString(CultureInfo.InvariantCulture) + "/metrics", _silo!.ReadLog(), StringComparison.Ordinal);
    }

    private static long DownloadedBytes(string scrape) =>
        (long)Samples(scrape, "orleans_transfer_bytes_total")
            .Where(s => s.Labels.Contains("orleans_transfer_direction=\"download\"", StringComparison.Ordinal))
            .Sum(s => s.Value);

    /// <summary>The samples of one metric in the text exposition format: <c>name{labels} value [timestamp]</c>.</summary>
    private static List<(string Labels, double Value)> Samples(string scrape, string name) =>
        [.. scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(line =>
            {
                var close = line.LastIndexOf('}');
                var labels = close < 0 ? "" : line[(name.Length + 1)..close];
                var value = line[((close < 0 ? name.Length : close) + 1)..].Trim().Split(' ')[0];
                return (labels, double.Parse(value, CultureInfo.InvariantCulture));
            })];
}
