using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Orleans.Transfer.Hosting;

namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>
/// Says at start where telemetry goes, and serves the Prometheus scrape endpoint when configured: a web app of its
/// own (an <see cref="OwnPortServer"/>) on <c>PrometheusAddress:PrometheusPort</c> with <c>/metrics</c> and nothing
/// else, as the upload server is, so the local API's routes never reach a TCP port. The port was configured on
/// purpose, so a port that cannot be bound stops the service (<see cref="ExitCodes.PortUnavailable"/>).
/// </summary>
internal sealed partial class TelemetryHost(
    TelemetryOptions options,
    MeterProvider meterProvider,
    ServiceStartFailure startFailure,
    ILogger<TelemetryHost> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The scrape endpoint's path.</summary>
    public const string ScrapePath = "/metrics";

    private OwnPortServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.OtlpEndpoint is { } otlp)
        {
            LogOtlp(logger, otlp, options.OtlpProtocol);
        }

        if (options.PrometheusPort is not { } port)
        {
            return;
        }

        // No request logging and nothing of the silo's configuration: the endpoint serves metrics only.
        var endpoint = new OwnPortEndpoint("The Prometheus scrape endpoint", "XFER_PROMETHEUS_PORT (Transfer:Telemetry:PrometheusPort)", IPAddress.Parse(options.PrometheusAddress), port)
        {
            Protocols = HttpProtocols.Http1,
        };
        try
        {
            _server = await OwnPortServer.StartAsync(endpoint, _ => { }, MapScrapeEndpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (OwnPortUnavailableException exception)
        {
            startFailure.Stop(ExitCodes.PortUnavailable, exception.Message);
            return;
        }

        var url = _server.Url + ScrapePath;
        if (IPAddress.IsLoopback(endpoint.Address))
        {
            LogPrometheus(logger, url);
        }
        else
        {
            LogPrometheusNotLoopback(logger, url);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void MapScrapeEndpoint(WebApplication app) => app.UseOpenTelemetryPrometheusScrapingEndpoint(
        meterProvider, predicate: null, path: ScrapePath, configureBranchedPipeline: null, optionsName: null);
}
