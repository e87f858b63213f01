using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>Registers receive-side yielding of background downloads.</summary>
public static class YieldServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="YieldOptions"/> (bind them to <see cref="YieldOptions.SectionName"/>), the per-interface
    /// controllers and the connection hook the HTTP transport gives background runs, the ICMP delay probe unless one
    /// is registered, and the hosted service that ticks the controllers. Calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddYielding(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<YieldOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<YieldOptions>, YieldOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDelayProbe, IcmpDelayProbe>();
        services.TryAddSingleton(sp => new InterfaceDirectory(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new YieldRegistry(
            sp.GetRequiredService<IOptions<YieldOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IDelayProbe>(),
            sp.GetRequiredService<TransferInstruments>(),
            sp.GetRequiredService<ILogger<YieldRegistry>>(),
            options => new YieldController(options).Update));
        services.TryAddSingleton(sp => new YieldConnector(
            sp.GetRequiredService<YieldRegistry>(),
            sp.GetRequiredService<InterfaceDirectory>(),
            sp.GetRequiredService<ILogger<YieldConnector>>(),
            sp.GetService<ReceiveBufferBound>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, YieldService>(sp => new YieldService(
            sp.GetRequiredService<YieldRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<YieldService>>())));
        return services;
    }
}
