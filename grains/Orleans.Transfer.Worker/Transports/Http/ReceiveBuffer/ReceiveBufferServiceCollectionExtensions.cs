using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the receive-buffer bound of near connections.</summary>
public static class ReceiveBufferServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="ReceiveBufferOptions"/> (bind them to <see cref="ReceiveBufferOptions.SectionName"/>)
    /// and the connect hook the HTTP transport's handlers use. Calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddReceiveBufferBound(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReceiveBufferOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ReceiveBufferOptions>, ReceiveBufferOptionsValidator>());
        services.TryAddSingleton<ReceiveBufferBound>();
        return services;
    }
}
