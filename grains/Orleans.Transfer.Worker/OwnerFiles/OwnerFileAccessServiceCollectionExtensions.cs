using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>Registers the owner-rights file access on its own, for hosts without the transfer worker (the upload server).</summary>
public static class OwnerFileAccessServiceCollectionExtensions
{
    /// <summary>
    /// Adds the owner-rights file access every local file operation goes through, with its validated
    /// <see cref="OwnerFileAccessOptions"/>; idempotent, so the transfer worker and the upload server can both call it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddOwnerFileAccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OwnerFileAccessOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<OwnerFileAccessOptions>, OwnerFileAccessOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OwnerAccounts>();
        services.TryAddSingleton<ProbedDirectories>();
        services.TryAddSingleton<IOwnerIdentityRunner>(sp => UnixAccounts.EffectiveUserId() == 0
            ? ActivatorUtilities.CreateInstance<OwnerThreadPool>(sp)
            : new CurrentIdentityRunner());
        services.TryAddSingleton<IOwnerFileSystem>(sp => OperatingSystem.IsWindows()
            ? new WindowsOwnerFileSystem()
            : ActivatorUtilities.CreateInstance<UnixOwnerFileSystem>(sp));
        return services;
    }
}
