namespace Orleans.Transfer.Scheduling;

/// <summary>Permission for one job to transfer; dispose it to give the slot back.</summary>
public interface ISchedulerLease : IDisposable
{
    /// <summary>Fires when the job must stop transferring and queue again.</summary>
    CancellationToken Revoked { get; }
}
