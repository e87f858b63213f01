using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the content cache.</summary>
public static class ContentCacheServiceCollectionExtensions
{
    /// <summary>
    /// Puts the content cache in front of the http transport (call after
    /// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>): <see cref="ContentCacheOptions"/>
    /// from <c>Transfer:Cache</c>, validated at start; the cache works while a directory is configured and an
    /// <see cref="IContentCacheCoordinator"/> is registered. Calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddContentCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var index = services.ToList().FindIndex(d => d.ServiceType == typeof(ITransport) && d.ImplementationType == typeof(HttpTransport));
        if (index < 0)
        {
            return services;
        }

        services.AddOptions<ContentCacheOptions>().BindConfiguration(ContentCacheOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContentCacheOptions>, ContentCacheOptionsValidator>());
        services.TryAddSingleton<HttpTransport>();

        // In the http transport's own place: the registry lists schemes in registration order.
        services[index] = ServiceDescriptor.Singleton<ITransport>(sp => new CachingHttpTransport(
            sp.GetRequiredService<HttpTransport>(),
            sp.GetRequiredService<HttpClientPool>(),
            sp.GetRequiredService<IOptions<ContentCacheOptions>>(),
            sp.GetService<IContentCacheCoordinator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
