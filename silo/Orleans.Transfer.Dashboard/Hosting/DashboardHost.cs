using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Dashboard.Endpoints;
using Orleans.Transfer.Dashboard.Options;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.Hosting;

namespace Orleans.Transfer.Dashboard.Hosting;

/// <summary>
/// The dashboard's own web app on its own Kestrel (<c>ListenAddress:Port</c>, an <see cref="OwnPortServer"/>), apart
/// from the local API's socket so neither surface's routes exist on the other. A port that cannot be bound (another
/// silo, another program) leaves the service running without a dashboard and says so in the log; <c>xfer dashboard</c>
/// then says so too.
/// </summary>
internal sealed partial class DashboardHost(
    IOptions<DashboardOptions> options,
    DashboardSessions sessions,
    IGrainFactory grains,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ILogger<DashboardHost> logger) : IHostedService, IAsyncDisposable
{
    private OwnPortServer? _server;

    /// <summary>The dashboard's base URL (no trailing slash) while it listens; null when it does not.</summary>
    public string? BaseUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogNotListening(logger, "it is disabled (Transfer:Dashboard:Enabled is false).");
            return;
        }

        var endpoint = new OwnPortEndpoint("The web dashboard", "XFER_WEB_PORT (Transfer:Dashboard:Port)", IPAddress.Parse(settings.ListenAddress), settings.Port)
        {
            CertificatePath = settings.CertificatePath,
        };
        try
        {
            _server = await OwnPortServer.StartAsync(endpoint, AddServices, Map, cancellationToken).ConfigureAwait(false);
        }
        catch (OwnPortUnavailableException exception)
        {
            // Most often another silo (or another program) has the port: the transfers matter more than the pages.
            LogNotListening(logger, exception.Message);
            return;
        }

        BaseUrl = ListeningUrl(_server, settings);
        LogListening(logger, BaseUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BaseUrl = null;
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

    private static void Map(WebApplication app)
    {
        app.UseMiddleware<DashboardGuard>();
        DashboardRoutes.Map(app);
    }

    // The bound port (the system's pick for port 0) under the host name the browser is to use.
    private static string ListeningUrl(OwnPortServer server, DashboardOptions settings)
    {
        var address = server.Endpoint.Address;
        var host = IPAddress.IsLoopback(address) ? server.Endpoint.UrlHost : settings.AllowedHosts[0];
        return $"{(settings.CertificatePath is null ? "http" : "https")}://{host}:{server.Port}";
    }

    // The silo's logging and clock, and the dashboard's own services.
    private void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton(sessions);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<HostAllowList>();
        builder.Services.AddSingleton<JobStreams>();
        builder.Services.AddSingleton<DashboardAudit>();
    }
}
