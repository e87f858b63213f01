using Orleans.Transfer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Silo;
using Orleans.Transfer.Silo.Telemetry;
using SiloExitCodes = Orleans.Transfer.Silo.ExitCodes;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Pins the telemetry rows of docs/contracts.md: the settings and their variables, the exit code, and the metric
/// names as a scrape shows them (the exporter is a pre-release: a new version that renamed them fails here).
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class TelemetryContractTests
{
    [Fact]
    public void SiloExitCode_InvalidTelemetry_IsSeven() => Assert.Equal(7, SiloExitCodes.InvalidTelemetry);

    [Fact]
    public void TelemetryEnvironmentVariables_MapOntoTheirSettings()
    {
        var saved = new[] { "XFER_OTLP_ENDPOINT", "XFER_PROMETHEUS_PORT" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("XFER_OTLP_ENDPOINT", "http://collector:4318");
            Environment.SetEnvironmentVariable("XFER_PROMETHEUS_PORT", "9464");

            var mapped = EnvironmentAliases.Read().ToDictionary();

            Assert.Equal("http://collector:4318", mapped["Transfer:Telemetry:OtlpEndpoint"]);
            Assert.Equal("9464", mapped["Transfer:Telemetry:PrometheusPort"]);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void NothingConfigured_IsOff_WithNothingToRegister()
    {
        var (options, problems) = TelemetryHosting.Read(Configuration(new() { ["Transfer:Telemetry:OtlpEndpoint"] = " " }));

        Assert.Null(options);
        Assert.Empty(problems);
    }

    [Fact]
    public void BadSettings_AreRefusedNamingTheSetting()
    {
        var (_, problems) = TelemetryHosting.Read(Configuration(new()
        {
            ["Transfer:Telemetry:OtlpEndpoint"] = "ftp://collector",
            ["Transfer:Telemetry:OtlpProtocol"] = "thrift",
            ["Transfer:Telemetry:PrometheusPort"] = "70000",
            ["Transfer:Telemetry:PrometheusAddress"] = "localhost",
        }));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("XFER_OTLP_ENDPOINT", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("OtlpProtocol", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("XFER_PROMETHEUS_PORT", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PrometheusAddress", StringComparison.Ordinal));

        var secret = TelemetryHosting.Read(Configuration(new() { ["Transfer:Telemetry:OtlpEndpoint"] = "https://user:hunter2@collector" })).Problems;
        Assert.Contains("OTEL_EXPORTER_OTLP_HEADERS", Assert.Single(secret), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", secret[0], StringComparison.Ordinal);

        var notANumber = TelemetryHosting.Read(Configuration(new() { ["Transfer:Telemetry:PrometheusPort"] = "ninety" })).Problems;
        Assert.Contains("PrometheusPort", Assert.Single(notANumber), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryInstrument_HasItsPublishedName_InAScrape()
    {
        var port = LoopbackPorts.Free();
        // The host's lifetime: a port the endpoint cannot bind would stop the host (ServiceStartFailure).
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>()
            .AddTransferDiagnostics()
            .AddTransferTelemetry(new TelemetryOptions { PrometheusPort = port })
            .BuildServiceProvider();
        await using (services)
        {
            var hosted = services.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            try
            {
                var instruments = services.GetRequiredService<TransferInstruments>();
                instruments.BytesTransferred(10, TransferDirection.Download, "http", JobPriority.Normal);
                instruments.JobStateChanged(JobState.Transferring, JobState.Transferred);
                instruments.Retry(TransferErrorCode.ConnectionReset, "attempt");
                instruments.CheckpointFlushed(TimeSpan.FromMilliseconds(3));
                instruments.UploadBytesReceived(10);
                instruments.UploadSessionCreated();
                instruments.ObserveYield(() => [new YieldLinkReading("eth0", 65536, 0, Yielding: true, TimeSpan.FromMilliseconds(20))]);
                instruments.ObserveFlushQueue(() => 2);

                using var http = new HttpClient();
                var scrape = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

                string[] published =
                [
                    "# TYPE orleans_transfer_bytes_total counter",
                    "# TYPE orleans_transfer_jobs gauge",
                    "# TYPE orleans_transfer_job_outcomes_total counter",
                    "# TYPE orleans_transfer_retries_total counter",
                    "# TYPE orleans_transfer_checkpoint_duration_milliseconds histogram",
                    "# TYPE orleans_transfer_upload_server_bytes_total counter",
                    "# TYPE orleans_transfer_upload_server_sessions_total counter",
                    "# TYPE orleans_transfer_yield_window_bytes gauge",
                    "# TYPE orleans_transfer_yield_rate_bytes_per_second gauge",
                    "# TYPE orleans_transfer_yield_yielding gauge",
                    "# TYPE orleans_transfer_yield_queue_delay_milliseconds gauge",
                    "# TYPE orleans_transfer_flush_waiting gauge",
                ];
                Assert.All(published, line => Assert.Contains(line, scrape, StringComparison.Ordinal));
                var bytes = Assert.Single(scrape.Split('\n'), l => l.StartsWith("orleans_transfer_bytes_total{", StringComparison.Ordinal));
                Assert.EndsWith("} 10", bytes, StringComparison.Ordinal);
                Assert.All(
                    ["orleans_transfer_direction=\"download\"", "orleans_transfer_transport=\"http\"", "orleans_transfer_priority=\"normal\""],
                    label => Assert.Contains(label, bytes, StringComparison.Ordinal));
            }
            finally
            {
                foreach (var service in Enumerable.Reverse(hosted))
                {
                    await service.StopAsync(CancellationToken.None);
                }
            }
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
