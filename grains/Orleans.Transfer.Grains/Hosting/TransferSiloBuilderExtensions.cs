using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Cluster.Bandwidth;
using Orleans.Transfer.Grains.ContentCache;
using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Kinds.Download;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.Kinds.Upload;
using Orleans.Transfer.Grains.Placement;
using Orleans.Transfer.Notifications;
using Orleans.Transfer.Scheduling;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Hosting;

/// <summary>Registers the transfer service's grains and silo-local services.</summary>
public static class TransferSiloBuilderExtensions
{
    /// <summary>
    /// Adds the transfer worker and the services the job grains need. Storage (grain state, reminders, catalog) is
    /// added separately with <c>AddTransferStorage</c>, so tests and hosts can choose the profile. The worker's options
    /// come from <c>Transfer:Worker</c>, then <paramref name="configureWorker"/>.
    /// </summary>
    public static ISiloBuilder AddTransferService(this ISiloBuilder builder, Action<TransferWorkerOptions>? configureWorker = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTransferDiagnostics();
        builder.Services.AddOptions<TransferJobOptions>()
            .BindConfiguration(TransferJobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferJobOptions>, TransferJobOptionsValidator>());

        // Orleans reads a grain class's own collection age by its full name. Shedding activations on memory pressure
        // stays off: it measures the machine's memory, not the silo's, and ignores DelayDeactivation, so it would stop
        // running transfers (docs/architecture.md, "Job activations").
        builder.Services.AddOptions<GrainCollectionOptions>()
            .Configure<IOptions<TransferJobOptions>>((collection, jobs) =>
                collection.ClassSpecificCollectionAge[typeof(TransferJobGrain).FullName!] = jobs.Value.IdleDeactivationAge);
        // Job placement by host and the cluster's bandwidth policy and shared cap (docs/cluster.md): they read
        // Transfer:Cluster, bound by AddTransferCluster; a silo alone (no cluster id) places every job on itself and keeps
        // its whole cap, as before.
        builder.Services.AddOptions<TransferClusterOptions>();
        builder.Services.TryAddSingleton<JobHostPinning>();
        builder.Services.TryAddSingleton<JobCreation>();
        builder.Services.AddPlacementDirector<JobHostPlacement, JobHostPlacementDirector>();
        builder.Services.AddSingleton<ClusterBandwidthAgent>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterBandwidthAgent>());
        builder.Services.TryAddSingleton<JobMemoryRelease>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobMemoryRelease>());
        builder.Services.AddHostedService<InactiveJobSweeper>();
        builder.Services.TryAddSingleton<JobHistoryWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobHistoryWriter>());
        builder.Services.AddHostedService<NetworkReturnService>();
        builder.Services.AddJobCostPolicy();
        builder.Services.AddOptions<TransferWorkerOptions>().BindConfiguration(TransferWorkerOptions.SectionName);
        builder.Services.AddOptions<BitsUploadOptions>().BindConfiguration(BitsUploadOptions.SectionName);
        builder.Services.AddOptions<SmbOptions>().BindConfiguration(SmbOptions.SectionName);
        builder.Services.AddOptions<ReceiveBufferOptions>().BindConfiguration(ReceiveBufferOptions.SectionName);
        builder.Services.AddOptions<FileFlushOptions>().BindConfiguration(FileFlushOptions.SectionName);
        builder.Services.AddTransferWorker(configureWorker);
        builder.Services.AddClusterContentCache();
        builder.Services.AddOwnerFileAccessConfiguration(builder.Configuration);
        builder.Services.AddOptions<NetworkMonitorOptions>().BindConfiguration(NetworkMonitorOptions.SectionName);
        builder.Services.AddOptions<NetworkCostOptions>().BindConfiguration(NetworkCostOptions.SectionName);
        builder.Services.AddOptions<YieldOptions>().BindConfiguration(YieldOptions.SectionName);
        builder.Services.AddTransferBandwidthConfiguration(builder.Configuration);
        builder.Services.AddTransferScheduler();
        builder.Services.AddTransferNotifications();
        builder.Services.AddJobKind<DownloadJobKind>();
        builder.Services.AddJobKind<UploadJobKind>();
        builder.Services.AddJobKind<UploadReplyJobKind>();
        builder.AddStartupTask<ResumeActiveJobsStartupTask>();
        return builder;
    }
}
