using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Scheduling;

/// <summary>Registers the per-silo transfer scheduler.</summary>
public static class TransferSchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="TransferScheduler"/> per silo, also as <see cref="ITransferScheduler"/>; its
    /// <see cref="TransferSchedulerOptions"/> bound from <see cref="TransferSchedulerOptions.SectionName"/> and validated
    /// at start; and <see cref="TimeProvider.System"/> unless a TimeProvider is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes applied after the configuration section.</param>
    public static IServiceCollection AddTransferScheduler(
        this IServiceCollection services,
        Action<TransferSchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TransferSchedulerOptions>()
            .BindConfiguration(TransferSchedulerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TransferSchedulerOptions>, TransferSchedulerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TransferScheduler>();
        services.TryAddSingleton<ITransferScheduler>(sp => sp.GetRequiredService<TransferScheduler>());
        return services;
    }
}
