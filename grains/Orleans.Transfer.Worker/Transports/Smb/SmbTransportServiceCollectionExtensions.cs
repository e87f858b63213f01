using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the smb transport.</summary>
public static class SmbTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>smb</c> transport (downloads from and uploads to <c>smb://</c> URLs and UNC paths), the platform's
    /// SMB client unless an <c>ISmbClient</c> is registered (UNC paths on Windows; libsmbclient elsewhere, loaded on
    /// first use, so a machine without it only loses SMB), and its validated <see cref="SmbOptions"/> (bind them to <see cref="SmbOptions.SectionName"/>).
    /// <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/> calls it; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddSmbTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SmbOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmbOptions>, SmbOptionsValidator>());
        services.TryAddSingleton<ISmbClient>(sp => OperatingSystem.IsWindows()
            ? ActivatorUtilities.CreateInstance<WindowsSmbClient>(sp)
            : ActivatorUtilities.CreateInstance<LibSmbClient>(sp));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransport, SmbTransport>());
        return services;
    }
}
