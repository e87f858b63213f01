namespace Orleans.Transfer.Grains;

/// <summary>Silo-internal calls that keep jobs moving and tidy; not part of the caller contract.</summary>
[Alias("Orleans.Transfer.Grains.IJobHousekeepingGrain")]
public interface IJobHousekeepingGrain : IGrainWithGuidKey
{
    /// <summary>Activates the job; an active job resumes transferring or re-arms its retry timer.</summary>
    [Alias("WakeUp")]
    Task WakeUpAsync();

    /// <summary>Cancels the job, deleting its temporary files, if it saw no activity for the inactivity timeout (B31).</summary>
    [Alias("CancelIfInactive")]
    Task CancelIfInactiveAsync();

    /// <summary>
    /// When the job does not exist, removes what a create that failed or crashed before writing it left under its id:
    /// the catalog row it reserved (which frees its place in the quotas) and its destination claims. When it does, writes
    /// its catalog row, which ends a reservation whose confirmation was lost. Calls on a grain are serialized, so a
    /// create still in progress finishes first.
    /// </summary>
    [Alias("ReleaseClaimsIfAbsent")]
    Task ReleaseClaimsIfAbsentAsync();

    /// <summary>
    /// Removes the job (catalog row, destination claims, reminder and stored state) if it is final (Acknowledged or
    /// Cancelled) and its last change is older than <c>Transfer:Jobs:FinalJobRetention</c>; otherwise nothing.
    /// </summary>
    [Alias("RemoveIfExpired")]
    Task RemoveIfExpiredAsync();

    /// <summary>Queues the job again if it is in TransientError because of a network outage (B19); otherwise nothing.</summary>
    [Alias("RetryAfterNetworkReturn")]
    Task RetryAfterNetworkReturnAsync();

    /// <summary>
    /// Queues the job again if it waits in TransientError for a network cost its transfer policy now allows (B84);
    /// otherwise nothing.
    /// </summary>
    [Alias("RetryAfterCostChange")]
    Task RetryAfterCostChangeAsync();
}
