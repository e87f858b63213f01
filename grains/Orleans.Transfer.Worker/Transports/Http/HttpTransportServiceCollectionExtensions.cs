using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the HTTP transport.</summary>
public static class HttpTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>http</c> transport (schemes http and https) with its handler pool configured from
    /// <see cref="TransferWorkerOptions"/> (one shared connection pool for jobs without HTTP options, one per distinct
    /// option set and owner otherwise; docs/http-options.md), the receive-buffer bound of near connections
    /// (<see cref="ReceiveBufferServiceCollectionExtensions.AddReceiveBufferBound"/>), and the <see cref="IClientCertificateReader"/>.
    /// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/> calls it; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddHttpTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddReceiveBufferBound();
        // The content cache registers HttpTransport as itself when it takes the transport's place.
        if (services.Any(d => (d.ServiceType == typeof(ITransport) && d.ImplementationType == typeof(HttpTransport)) || d.ServiceType == typeof(HttpTransport)))
        {
            return services;
        }

        services.AddSingleton<ITransport, HttpTransport>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HttpClientPool(
            sp.GetRequiredService<IOptions<TransferWorkerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HttpClientPool>>(),
            connector: sp.GetService<YieldConnector>(),
            receiveBuffer: sp.GetService<ReceiveBufferBound>()));
        services.TryAddSingleton<IClientCertificateStore>(_ => OperatingSystem.IsWindows()
            ? new WindowsClientCertificateStore()
            : new UnofferedClientCertificateStore());
        services.TryAddSingleton<IClientCertificateReader>(sp => new OwnerClientCertificateReader(
            sp.GetRequiredService<IOwnerFileSystem>(), sp.GetRequiredService<IClientCertificateStore>()));
        return services;
    }
}
