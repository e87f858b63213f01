using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.ContentCache;

/// <summary>Registers the cluster content cache (docs/cluster.md, "Content cache").</summary>
internal static class ContentCacheSiloExtensions
{
    /// <summary>
    /// The worker's cache in front of the http transport (<see cref="ContentCacheServiceCollectionExtensions.AddContentCache"/>)
    /// with its runs coordinated by one <see cref="IContentCacheGrain"/> per content; on while <c>Transfer:Cache:Directory</c> is set.
    /// </summary>
    public static IServiceCollection AddClusterContentCache(this IServiceCollection services)
    {
        services.TryAddSingleton<IContentCacheCoordinator, GrainContentCacheCoordinator>();
        return services.AddContentCache();
    }
}
