using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>
/// Says at start where telemetry goes, and serves the Prometheus scrape endpoint when configured: a web app of its
/// own on <c>PrometheusAddress:PrometheusPort</c> with <c>/metrics</c> and nothing else, as the upload server is, so
/// the local API's routes never reach a TCP port.
/// </summary>
internal sealed partial class TelemetryHost(TelemetryOptions options, MeterProvider meterProvider, ILogger<TelemetryHost> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>The scrape endpoint's path.</summary>
    public const string ScrapePath = "/metrics";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            LogOtlp(logger, endpoint, options.OtlpProtocol);
        }

        if (options.PrometheusPort is not { } port)
        {
            return;
        }

        var address = IPAddress.Parse(options.PrometheusAddress);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });

        // Nothing read from ASPNETCORE_*, Kestrel:Endpoints or the silo's configuration; no request logging.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider, predicate: null, path: ScrapePath, configureBranchedPipeline: null, optionsName: null);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var url = $"http://{host}:{port}{ScrapePath}";
        if (IPAddress.IsLoopback(address))
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
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
