using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Storage.Secrets;

/// <summary>Registers <see cref="ISecretProtector"/>.</summary>
public static class TransferSecretsServiceCollectionExtensions
{
    /// <summary>
    /// The application name Data Protection isolates keys by. Fixed, so that silos installed in different paths share
    /// ciphertexts; never change it, or every stored secret becomes unreadable.
    /// </summary>
    public const string ApplicationName = "Orleans.Transfer";

    /// <summary>
    /// Adds <see cref="ISecretProtector"/> on ASP.NET Core Data Protection, keys in
    /// <see cref="TransferSecretsOptions.KeyDirectory"/> (default <c>keys</c> under
    /// <see cref="TransferStorageOptions.DataDirectory"/>), DPAPI-protected on Windows. Idempotent.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTransferSecrets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ISecretProtector)))
        {
            return services;
        }

        services.AddOptions<TransferSecretsOptions>().BindConfiguration(TransferSecretsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferSecretsOptions>, TransferSecretsOptionsValidator>());
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<TransferSecretsOptions>, IOptions<TransferStorageOptions>, ILoggerFactory>((keys, secrets, storage, loggers) =>
            {
                keys.XmlRepository = new PrivateKeyRepository(secrets.Value.ResolveKeyDirectory(storage.Value.DataDirectory), loggers);
                if (OperatingSystem.IsWindows())
                {
                    // For the service account only: protectToLocalMachine would let every local account decrypt them.
                    keys.XmlEncryptor = new DpapiXmlEncryptor(protectToLocalMachine: false, loggers);
                }
            });
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
