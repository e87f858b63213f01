using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Hosting;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Silo.Uploads;

/// <summary>
/// The BITS upload server inside the silo: a web app of its own (an <see cref="OwnPortServer"/>) listening on
/// <c>ListenAddress:Port</c> only. Being a separate app is what keeps the two surfaces apart: the upload routes exist
/// nowhere but on that port, and the local API's routes (which stay on their Unix socket) never on it. Sessions live in
/// grains (<see cref="GrainUploadSessionStore"/>). Starts after the silo, stops before it. The port was configured on
/// purpose, so a port that cannot be bound stops the service (<see cref="ExitCodes.PortUnavailable"/>).
/// </summary>
internal sealed partial class UploadServerHost(
    BitsUploadServerOptions options,
    UploadHostingOptions hosting,
    IConfiguration configuration,
    IGrainFactory grains,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ServiceStartFailure startFailure,
    ILogger<UploadServerHost> logger) : IHostedService, IAsyncDisposable
{
    private OwnPortServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The BITS upload protocol is HTTP/1.1 only (MC-BUP 2.2.1).
        var endpoint = new OwnPortEndpoint("The BITS upload server", "XFER_UPLOAD_PORT (Transfer:Uploads:Port)", IPAddress.Parse(options.ListenAddress), options.Port)
        {
            Protocols = HttpProtocols.Http1,
            CertificatePath = options.CertificatePath,
        };
        try
        {
            _server = await OwnPortServer.StartAsync(endpoint, AddServices, MapDirectories, cancellationToken).ConfigureAwait(false);
        }
        catch (OwnPortUnavailableException exception)
        {
            startFailure.Stop(ExitCodes.PortUnavailable, exception.Message);
            return;
        }

        var directories = string.Join(", ", options.Directories.Select(d => d.Path));
        LogListening(logger, _server.Url, directories);
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

    // The silo's configuration, logging and clock; the sessions in grains.
    private void AddServices(WebApplicationBuilder builder)
    {
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddSingleton<IUploadSessionStore>(new GrainUploadSessionStore(grains));
        builder.Services.AddBitsUploads(CopyInto);
        builder.Services.AddSingleton(hosting);
        var clustered = UploadServerHosting.IsClustered(configuration);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitsUploadServerOptions>>(
            new UploadServerOptionsValidator(hosting, clustered)));
    }

    private void MapDirectories(WebApplication app)
    {
        foreach (var directory in options.Directories)
        {
            app.MapBitsUploads(directory);
        }
    }

    // Replaces rather than appends the directories, so a library that also binds the section ends with the same list.
    private void CopyInto(BitsUploadServerOptions target)
    {
        target.Port = options.Port;
        target.ListenAddress = options.ListenAddress;
        target.CertificatePath = options.CertificatePath;
        target.MaxSessions = options.MaxSessions;
        target.SweepInterval = options.SweepInterval;
        target.SessionLease = options.SessionLease;
        target.Directories = [.. options.Directories];
    }
}
