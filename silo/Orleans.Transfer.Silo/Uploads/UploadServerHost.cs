using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Silo.Uploads;

/// <summary>
/// The BITS upload server inside the silo: a web app of its own, on its own Kestrel listening on
/// <c>ListenAddress:Port</c> only. Being a separate app is what keeps the two surfaces apart: the upload routes exist
/// nowhere but on that port, and the local API's routes (which stay on their Unix socket) never on it. Sessions live in
/// grains (<see cref="GrainUploadSessionStore"/>). Starts after the silo, stops before it.
/// </summary>
internal sealed partial class UploadServerHost(
    BitsUploadServerOptions options,
    UploadHostingOptions hosting,
    IConfiguration configuration,
    IGrainFactory grains,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ILogger<UploadServerHost> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });

        // The silo's configuration, logging and clock; nothing read from ASPNETCORE_* or Kestrel:Endpoints.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddSingleton<IUploadSessionStore>(new GrainUploadSessionStore(grains));
        builder.Services.AddBitsUploads(CopyInto);
        builder.Services.AddSingleton(hosting);
        var clustered = UploadServerHosting.IsClustered(configuration);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitsUploadServerOptions>>(
            new UploadServerOptionsValidator(hosting, clustered)));
        builder.WebHost.ConfigureKestrel(ListenOnUploadPortOnly);

        var app = builder.Build();
        foreach (var directory in options.Directories)
        {
            app.MapBitsUploads(directory);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var url = $"{(options.CertificatePath is null ? "http" : "https")}://{FormatHost(options.ListenAddress)}:{options.Port}";
        var directories = string.Join(", ", options.Directories.Select(d => d.Path));
        LogListening(logger, url, directories);
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

    private static string FormatHost(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;

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

    private void ListenOnUploadPortOnly(KestrelServerOptions kestrel)
    {
        kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
        kestrel.AddServerHeader = false;

        // The BITS upload protocol is HTTP/1.1 only (MC-BUP 2.2.1).
        kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (options.CertificatePath is { } path)
            {
                listen.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(path, password: null));
            }
        });
    }
}
