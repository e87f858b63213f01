using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Transfer.Diagnostics;

/// <summary>Registers <see cref="TransferInstruments"/>.</summary>
public static class TransferDiagnosticsServiceCollectionExtensions
{
    /// <summary>Adds the meter factory (if missing) and the service's instruments; safe to call more than once.</summary>
    public static IServiceCollection AddTransferDiagnostics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<TransferInstruments>();
        return services;
    }
}
