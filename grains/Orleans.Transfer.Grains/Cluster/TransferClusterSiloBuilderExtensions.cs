using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Transfer.Grains.Cluster;

/// <summary>Registers what a silo of a cluster does beyond one silo alone (docs/cluster.md).</summary>
public static class TransferClusterSiloBuilderExtensions
{
    /// <summary>
    /// Validates <c>Transfer:Cluster</c>; when <paramref name="cluster"/> names a cluster, sets the cluster id, the silo
    /// name (the host name, which placement of pinned jobs reads) and the failure-detection settings, wakes a dead silo's
    /// jobs (<see cref="DeadSiloJobWaker"/>), and shares the bandwidth policy and background cap with the other silos. Membership itself (the
    /// PostgreSQL table) is the storage's <c>UseTransferClustering</c>.
    /// </summary>
    public static ISiloBuilder AddTransferCluster(this ISiloBuilder builder, TransferClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        builder.Services.AddOptions<TransferClusterOptions>()
            .BindConfiguration(TransferClusterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransferClusterOptions>, TransferClusterOptionsValidator>());
        if (!cluster.Enabled)
        {
            return builder;
        }

        builder.Configure<ClusterOptions>(o => o.ClusterId = cluster.ClusterId!);

        // The other silos learn this silo's host from its name in the membership table: placement of pinned jobs.
        builder.Configure<SiloOptions>(o => o.SiloName = cluster.HostName);
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.ProbeTimeout;
            o.NumMissedProbesLimit = cluster.MissedProbesLimit;
            o.NumVotesForDeathDeclaration = cluster.VotesForDeathDeclaration;
        });
        builder.Services.AddSingleton<DeadSiloJobWaker>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadSiloJobWaker>());
        return builder;
    }
}
