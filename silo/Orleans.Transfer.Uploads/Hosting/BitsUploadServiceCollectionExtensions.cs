using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Protocol;
using Orleans.Transfer.Uploads.Replies;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Uploads;

/// <summary>Registers the BITS upload server.</summary>
public static class BitsUploadServiceCollectionExtensions
{
    /// <summary>
    /// Adds the upload server's services: its options (validated at start), the owner-rights file access, the
    /// notification client and the sweeper of timed-out sessions. Register an <see cref="Sessions.IUploadSessionStore"/>
    /// too, then map directories with <c>MapBitsUploads</c>.
    /// </summary>
    public static IServiceCollection AddBitsUploads(this IServiceCollection services, Action<BitsUploadServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BitsUploadServerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitsUploadServerOptions>, BitsUploadServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new UploadClock(sp.GetRequiredService<TimeProvider>()));
        services.AddTransferDiagnostics();
        services.AddOwnerFileAccess();
        // The notification timeout is the directory's, applied per call; redirects are not followed (an application
        // that moved is a configuration error, not something to chase with the upload's body).
        services.AddHttpClient(ReplyNotifier.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.TryAddSingleton<BitsUploadDirectories>();
        services.TryAddSingleton<UploadFileStore>();
        services.TryAddSingleton<SessionAccess>();
        services.TryAddSingleton<ReplyNotifier>();
        services.TryAddSingleton<UploadCommitter>();
        services.TryAddSingleton<CreateSessionPacket>();
        services.TryAddSingleton<FragmentPacket>();
        services.TryAddSingleton<EndSessionPackets>();
        services.TryAddSingleton<BitsPacketDispatcher>();
        services.TryAddSingleton<ReplyEndpoint>();
        services.TryAddSingleton<BitsUploadSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<BitsUploadSessionSweeper>());
        return services;
    }
}
