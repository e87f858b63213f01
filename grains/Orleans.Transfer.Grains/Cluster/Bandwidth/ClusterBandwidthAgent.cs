using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>
/// In a cluster, reports this silo's background demand to <see cref="IClusterBandwidthGrain"/> every
/// <see cref="TransferClusterOptions.BandwidthRebalanceInterval"/>, runs its background bucket at the share it gets,
/// and applies a policy set through another silo. A silo alone does nothing here: its share stays 1.
/// </summary>
internal sealed partial class ClusterBandwidthAgent(
    IOptions<TransferClusterOptions> options,
    IBandwidthController controller,
    IGrainFactory grainFactory,
    ILocalSiloDetails localSilo,
    TimeProvider time,
    ILogger<ClusterBandwidthAgent> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _reporting = Task.CompletedTask;
    private Guid? _appliedVersion;
    private bool _failing;

    // The last report's outcome, read by the status while the reporting task writes it: replaced whole, never changed.
    private volatile ClusterBandwidthStatus? _lastReport;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterBandwidthAgent), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _reporting = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reporting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// This silo's view for <c>xfer service status</c>: the last report's policy version, share and demand, and the
    /// background cap in force now; null for a silo alone.
    /// </summary>
    public ClusterBandwidthStatus? Status
    {
        get
        {
            if (!options.Value.Enabled)
            {
                return null;
            }

            var policy = BandwidthPolicySpecs.ToSpec(controller.Current);
            var last = _lastReport ?? new ClusterBandwidthStatus(localSilo.SiloAddress.ToParsableString(), null, null, 1, 0, null);
            return last with { BackgroundLimit = policy.BackgroundLimit ?? policy.Timetable };
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.BandwidthRebalanceInterval, time);
        try
        {
            do
            {
                await ReportAsync().ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>One report: takes the share and, when it changed, the cluster's policy.</summary>
    internal async Task ReportAsync()
    {
        try
        {
            var demand = controller.BackgroundDemand;
            var answer = await grainFactory.GetGrain<IClusterBandwidthGrain>(0)
                .ReportAsync(new SiloDemand(localSilo.SiloAddress, demand, _appliedVersion))
                .ConfigureAwait(false);
            if (answer.Policy is { } policy && answer.PolicyVersion != _appliedVersion)
            {
                controller.Update(BandwidthPolicySpecs.ToPolicy(policy));
                _appliedVersion = answer.PolicyVersion;
                LogPolicyApplied(logger, answer.PolicyVersion);
            }

            controller.SetBackgroundShare(answer.Share);
            _lastReport = new ClusterBandwidthStatus(
                localSilo.SiloAddress.ToParsableString(), _appliedVersion, null, answer.Share, demand, time.GetUtcNow());
            _failing = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The last share stays until the grain answers again (it may be moving to another silo); logged once per outage.
            if (!_failing)
            {
                LogReportFailed(logger, e);
            }

            _failing = true;
        }
    }

    [LoggerMessage(EventId = TransferEventIds.ClusterBandwidthReportFailed, Level = LogLevel.Warning,
        Message = "Reporting this silo's bandwidth demand to the cluster failed; it keeps its last share of the background cap and retries")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = TransferEventIds.ClusterBandwidthPolicyApplied, Level = LogLevel.Information,
        Message = "Applied the cluster's bandwidth policy (version {Version})")]
    private static partial void LogPolicyApplied(ILogger logger, Guid? version);
}
