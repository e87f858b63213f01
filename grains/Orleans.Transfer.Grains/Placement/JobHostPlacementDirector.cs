using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Placement;

/// <summary>
/// Chooses the silo a job's grain activates on. In a cluster, a job whose catalog row names a pinned host activates only
/// on a silo of that host (the calling silo when it is one); with none of them in the cluster the call fails with
/// <see cref="TransferErrorCode.JobHostUnavailable"/> and the job waits, since a survivor cannot reach its files. Any
/// other job (every local path under a shared root, or not created yet) activates on the calling silo, as a silo alone
/// does with every job. Runs once per activation, not per call.
/// </summary>
internal sealed partial class JobHostPlacementDirector(
    IOptions<TransferClusterOptions> options,
    IJobCatalog catalog,
    IClusterMembershipService membership,
    ILogger<JobHostPlacementDirector> logger) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        if (!options.Value.Enabled)
        {
            return Local(compatible, context);
        }

        var jobId = target.GrainIdentity.GetGuidKey();
        var entry = await catalog.FindAsync(jobId).ConfigureAwait(false);
        if (entry?.PinnedHost is not { } host)
        {
            return Local(compatible, context);
        }

        var hostSilos = HostSilos(membership.CurrentSnapshot, host, compatible);
        if (hostSilos.Contains(context.LocalSilo))
        {
            return context.LocalSilo;
        }

        if (hostSilos.Count > 0)
        {
            return hostSilos[Random.Shared.Next(hostSilos.Count)];
        }

        LogHostUnavailable(logger, jobId, host);
        throw new TransferJobException(
            TransferErrorCode.JobHostUnavailable,
            $"Job {jobId} has a local path outside the cluster's shared roots, so it runs only on host '{host}', and no silo of "
            + $"that host is in the cluster now. It continues when that host's silo returns; to let any silo run such jobs, put "
            + $"their files under a directory every silo reaches and list it in {TransferClusterOptions.SectionName}:SharedRoots.");
    }

    /// <summary>The active silos of <paramref name="host"/> (by silo name, which a cluster silo sets to its host name).</summary>
    internal static List<SiloAddress> HostSilos(ClusterMembershipSnapshot snapshot, string host, SiloAddress[] compatible) =>
        snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && string.Equals(m.Name, host, StringComparison.Ordinal))
            .Select(m => m.SiloAddress)
            .Where(compatible.Contains)
            .ToList();

    private static SiloAddress Local(SiloAddress[] compatible, IPlacementContext context) =>
        context.LocalSiloStatus == SiloStatus.Active && compatible.Contains(context.LocalSilo)
            ? context.LocalSilo
            : compatible[Random.Shared.Next(compatible.Length)];

    [LoggerMessage(EventId = TransferEventIds.PinnedJobHostUnavailable, Level = LogLevel.Debug,
        Message = "Job {JobId} is pinned to host {Host}, which has no silo in the cluster now; it waits for it")]
    private static partial void LogHostUnavailable(ILogger logger, Guid jobId, string host);
}
