using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the local-file transport.</summary>
public static class FileTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>file</c> transport: file URLs and absolute local paths.
    /// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/> calls it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddFileTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, FileTransport>());
        return services;
    }
}
