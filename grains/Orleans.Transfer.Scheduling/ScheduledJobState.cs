namespace Orleans.Transfer.Scheduling;

/// <summary>Where a job stands in <see cref="TransferScheduler"/>.</summary>
public enum ScheduledJobState
{
    /// <summary>Waiting for a lease.</summary>
    Waiting = 0,

    /// <summary>Holds a lease and may transfer.</summary>
    Running = 1,

    /// <summary>Its lease was revoked; it still holds the slot until it disposes the lease.</summary>
    Yielding = 2,
}
