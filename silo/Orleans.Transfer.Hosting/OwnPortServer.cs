using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Hosting;

/// <summary>
/// A web app of its own on its own Kestrel, listening on one address and port and nowhere else: what the BITS upload
/// server, the dashboard and the Prometheus endpoint each are, so that no surface's routes exist on another's port and
/// the local API's routes never reach TCP. Nothing is read from <c>ASPNETCORE_*</c>, <c>Kestrel:Endpoints</c> or
/// appsettings, no logging provider is added (the caller passes the silo's), and no Server header is sent.
/// </summary>
public sealed class OwnPortServer : IAsyncDisposable
{
    private WebApplication? _app;

    private OwnPortServer(WebApplication app, OwnPortEndpoint endpoint, int port)
    {
        _app = app;
        Endpoint = endpoint;
        Port = port;
    }

    /// <summary>Where it was asked to listen.</summary>
    public OwnPortEndpoint Endpoint { get; }

    /// <summary>The bound port: the system's pick when <see cref="OwnPortEndpoint.Port"/> is 0.</summary>
    public int Port { get; }

    /// <summary>The scheme, address and bound port, without a trailing slash: <c>http://127.0.0.1:8471</c>.</summary>
    public string Url => $"{(Endpoint.CertificatePath is null ? "http" : "https")}://{Endpoint.UrlHost}:{Port}";

    /// <summary>
    /// Builds the app (<paramref name="configureServices"/> adds its services, <paramref name="map"/> its middleware and
    /// routes) and starts listening.
    /// </summary>
    /// <exception cref="OwnPortUnavailableException">The port cannot be bound; nothing is left running.</exception>
    public static async Task<OwnPortServer> StartAsync(
        OwnPortEndpoint endpoint,
        Action<WebApplicationBuilder> configureServices,
        Action<WebApplication> map,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(map);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        configureServices(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint.Address, endpoint.Port, listen =>
            {
                listen.Protocols = endpoint.Protocols;
                if (endpoint.CertificatePath is { } path)
                {
                    listen.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(path, password: null));
                }
            });
        });

        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // Kestrel reports every bind failure (in use, not permitted, no such address) as an IOException.
            await app.DisposeAsync().ConfigureAwait(false);
            throw new OwnPortUnavailableException(
                $"{endpoint.Surface} cannot listen on {endpoint.UrlHost}:{endpoint.Port} ({exception.GetBaseException().Message}). "
                + $"Set {endpoint.Setting} to a free port, or stop the program that holds this one.",
                exception);
        }

        return new OwnPortServer(app, endpoint, BoundPort(app, endpoint.Port));
    }

    /// <summary>Stops listening; requests in flight get until <paramref name="cancellationToken"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int BoundPort(WebApplication app, int requested)
    {
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var uri) ? uri.Port : requested;
    }
}
