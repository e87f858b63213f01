using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the smb transport.</summary>
public static class SmbTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>smb</c> transport: downloads from and uploads to <c>smb://</c> URLs and UNC paths.
    /// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/> calls it; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddSmbTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, SmbTransport>());
        return services;
    }
}
