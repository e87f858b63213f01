using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Dashboard.Endpoints;
using Orleans.Transfer.Dashboard.Options;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.Dashboard.Web;

namespace Orleans.Transfer.Dashboard.Hosting;

/// <summary>
/// The dashboard's own web app on its own Kestrel (<c>ListenAddress:Port</c>), apart from the local API's socket so
/// neither surface's routes exist on the other. A port that cannot be bound (another silo, another program) leaves the
/// service running without a dashboard and says so in the log; <c>xfer dashboard</c> then says so too.
/// </summary>
internal sealed partial class DashboardHost(
    IOptions<DashboardOptions> options,
    DashboardSessions sessions,
    IGrainFactory grains,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ILogger<DashboardHost> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The dashboard's base URL (no trailing slash) while it listens; null when it does not.</summary>
    public string? BaseUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogNotListening(logger, "it is disabled (Transfer:Dashboard:Enabled is false)");
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });

        // Nothing read from ASPNETCORE_* or Kestrel:Endpoints: the silo's logging and clock, this class's endpoint.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton(sessions);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<HostAllowList>();
        builder.Services.AddSingleton<JobStreams>();
        builder.Services.AddSingleton<DashboardAudit>();
        builder.WebHost.ConfigureKestrel(kestrel => ListenOnDashboardPortOnly(kestrel, settings));

        var app = builder.Build();
        app.UseMiddleware<DashboardGuard>();
        DashboardRoutes.Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // Most often another silo (or another program) has the port: the transfers matter more than the pages.
            LogNotListening(logger, $"{settings.ListenAddress}:{settings.Port} cannot be bound ({exception.Message}); set XFER_WEB_PORT to a free port");
            await app.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _app = app;
        BaseUrl = ListeningUrl(app, settings);
        LogListening(logger, BaseUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BaseUrl = null;
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

    // The bound port (the system's pick for port 0) under the host name the browser is to use.
    private static string ListeningUrl(WebApplication app, DashboardOptions settings)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var uri) ? uri.Port : settings.Port;
        var address = IPAddress.Parse(settings.ListenAddress);
        var host = IPAddress.IsLoopback(address)
            ? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())
            : settings.AllowedHosts[0];
        return $"{(settings.CertificatePath is null ? "http" : "https")}://{host}:{port}";
    }

    private static void ListenOnDashboardPortOnly(KestrelServerOptions kestrel, DashboardOptions settings)
    {
        kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
        kestrel.AddServerHeader = false;
        kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen =>
        {
            if (settings.CertificatePath is { } path)
            {
                listen.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(path, password: null));
            }
        });
    }
}
