using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Client;

/// <summary>Registers the transfer client that talks to the service's local API.</summary>
public static class LocalApiClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITransferClient"/> as a <see cref="LocalApiTransferClient"/> singleton: JSON over HTTP on
    /// the service's Unix socket (Linux) or named pipe (Windows), acting as the user this process runs as. Use it in
    /// applications run by users; trusted services that act for others use
    /// <see cref="TransferClientServiceCollectionExtensions.AddTransferClient"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the defaults of <see cref="LocalApiClientOptions"/>; checked when the host starts.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTransferLocalClient(this IServiceCollection services, Action<LocalApiClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<LocalApiClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalApiClientOptions>, LocalApiClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalApiTransferClient>();
        services.TryAddSingleton<ITransferClient>(provider => provider.GetRequiredService<LocalApiTransferClient>());
        return services;
    }
}
