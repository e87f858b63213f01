using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;
using Orleans.Transfer.Storage.History;
using Orleans.Transfer.Storage.Hosting;
using Orleans.Transfer.Storage.Reminders;
using Orleans.Transfer.Storage.Schema;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage;

/// <summary>Registers the transfer service's storage on a silo.</summary>
public static class TransferStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds everything the service stores: the grain storage <see cref="StorageNames.Transfer"/> (<see cref="ProfileGrainStorage"/>) with the
    /// System.Text.Json serializer, durable reminders on our own reminder table, and <see cref="IJobCatalog"/>, all in
    /// one database chosen by <see cref="TransferStorageOptions"/>; and <see cref="ISecretProtector"/> for what must be
    /// stored encrypted. The schema is created or completed by <see cref="SchemaBootstrapper"/> early in silo start,
    /// before any of them is used. Grain state reads <see cref="PersistedAliasAttribute"/> names, and an unreadable row
    /// of an <see cref="IRecoverableState"/> type reaches its grain marked as such instead of failing the activation.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">
    /// Applied after the <c>Transfer:Storage</c> configuration section is bound, so code wins over configuration.
    /// </param>
    /// <remarks>
    /// Pins <see cref="ClusterOptions.ServiceId"/> to <see cref="StorageNames.ServiceId"/> with a post-configure step,
    /// whatever the host or clustering setup says: every stored row is keyed by it.
    /// </remarks>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddTransferStorage(this ISiloBuilder builder, Action<TransferStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<TransferStorageOptions>()
            .BindConfiguration(TransferStorageOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferStorageOptions>, TransferStorageOptionsValidator>());
        services.PostConfigure<ClusterOptions>(cluster => cluster.ServiceId = StorageNames.ServiceId);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => StorageDatabase.Create(sp.GetRequiredService<IOptions<TransferStorageOptions>>().Value));
        services.AddSingleton(sp => new SchemaBootstrapper(
            sp.GetRequiredService<StorageDatabase>(),
            sp.GetRequiredService<IOptions<TransferStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SchemaBootstrapper>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaBootstrapLifecycleParticipant>();

        services.AddSingleton<DapperJobCatalog>();
        services.AddSingleton<IJobCatalog>(sp => sp.GetRequiredService<DapperJobCatalog>());
        services.AddSingleton<IJobStateCounts, DapperJobStateCounts>();
        services.AddSingleton<IJobBatchStore>(JobBatchWriter.Create);
        services.AddSingleton<IJobHistory, DapperJobHistory>();
        services.AddTransferSecrets();

        services.AddSingleton<IReminderTable, TransferReminderTable>();
        builder.AddReminders();

        // Lets the JSON serializer write grain references and ids, as UseSystemTextJsonGrainStorageSerializer does,
        // without making it the default for other providers.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IPostConfigureOptions<SystemTextJsonGrainStorageSerializerOptions>, SystemTextJsonSerializerOptionsConfigure>());
        services.PostConfigure<SystemTextJsonGrainStorageSerializerOptions>(json => PersistedAliases.AddTo(json.JsonSerializerOptions));
        services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Transfer)
            .Configure<StorageDatabase, IOptions<SystemTextJsonGrainStorageSerializerOptions>>((o, database, json) =>
            {
                o.Invariant = database.AdoNetInvariant;
                o.ConnectionString = database.ConnectionString;
                o.GrainStorageSerializer = new RecoveringGrainStorageSerializer(new SystemTextJsonGrainStorageSerializer(json));

                // A job removed after its retention period leaves no row behind (its state, names and URLs included).
                o.DeleteStateOnClear = true;
            });
        services.AddGrainStorage(StorageNames.Transfer, ProfileGrainStorage.Create);

        return builder;
    }
}
