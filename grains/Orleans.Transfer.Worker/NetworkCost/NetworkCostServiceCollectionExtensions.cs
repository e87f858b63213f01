using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the silo's network cost detection.</summary>
public static class NetworkCostServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="INetworkCostMonitor"/> (<see cref="NetworkCostMonitor"/>, also a hosted service), its validated
    /// <see cref="NetworkCostOptions"/> (bind them to <see cref="NetworkCostOptions.SectionName"/>), and the
    /// <see cref="INetworkCostSource"/> they choose unless one is registered: the configured cost, else NetworkManager on
    /// Linux, the connectivity hint on Windows, and unknown elsewhere.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddNetworkCost(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<NetworkCostOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkCostOptions>, NetworkCostOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateSource);
        services.TryAddSingleton<NetworkCostMonitor>();
        services.TryAddSingleton<INetworkCostMonitor>(sp => sp.GetRequiredService<NetworkCostMonitor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NetworkCostMonitor>(sp => sp.GetRequiredService<NetworkCostMonitor>()));
        return services;
    }

    private static INetworkCostSource CreateSource(IServiceProvider services)
    {
        // Reading Value runs NetworkCostOptionsValidator, so a bad setting fails here too, with its message.
        var setting = services.GetRequiredService<IOptions<NetworkCostOptions>>().Value.Cost;
        if (NetworkCostSetting.TryParse(setting, out var configured) && configured is { } state)
        {
            return new ConfiguredCostSource(state, setting);
        }

        if (OperatingSystem.IsLinux())
        {
            return new NetworkManagerCostSource(
                busAddress: null, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<NetworkManagerCostSource>>());
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsCostSource(services.GetRequiredService<ILogger<WindowsCostSource>>());
        }

        return new UnknownCostSource($"no network cost source on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    }
}
