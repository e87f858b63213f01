using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>Registers job kinds: one line per kind.</summary>
public static class JobKindServiceCollectionExtensions
{
    /// <summary>Adds <typeparamref name="TKind"/> for its <see cref="IJobKind.Type"/>, replacing an earlier kind of that type.</summary>
    public static IServiceCollection AddJobKind<TKind>(this IServiceCollection services)
        where TKind : class, IJobKind
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<JobKindRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobKind, TKind>());
        return services;
    }
}
