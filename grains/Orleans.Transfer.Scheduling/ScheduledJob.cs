namespace Orleans.Transfer.Scheduling;

/// <summary>One job in a <see cref="TransferScheduler.Snapshot"/>, for diagnostics.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Priority">Its current priority.</param>
/// <param name="State">Whether it waits, runs, or is handing its slot back.</param>
/// <param name="Since">When it asked for a lease (waiting) or was granted one (running, yielding).</param>
public sealed record ScheduledJob(Guid JobId, JobPriority Priority, ScheduledJobState State, DateTimeOffset Since);
