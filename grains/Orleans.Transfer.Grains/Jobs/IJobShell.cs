namespace Orleans.Transfer.Grains.Jobs;

/// <summary>The Orleans side of a job that its plain classes drive: the durable wake-up reminder and the grain timers.</summary>
internal interface IJobShell
{
    /// <summary>Brings the wake-up reminder in line with <see cref="JobPersistence.NeedsWakeUp"/> (<see cref="JobWakeUp"/>).</summary>
    Task UpdateWakeUpAsync();

    /// <summary>Arms the retry timer for the job's NextRetryAt (now when it has none).</summary>
    void ArmRetryTimer();

    void CancelRetryTimer();

    /// <summary>Arms the delivery timer for the outbox's next due entry, if any.</summary>
    void ArmNotificationTimer();

    /// <summary>
    /// Keeps the activation out of idle collection while <paramref name="keep"/> (the run loop holds no call open, so
    /// Orleans would see a transferring job as idle); false lets it be collected after the idle age again.
    /// </summary>
    void KeepActivated(bool keep);

    /// <summary>
    /// Ends this activation once idle: its state is stale (a newer activation of the job, on another silo, wrote it),
    /// so the next call reads the job afresh wherever the cluster places it.
    /// </summary>
    void Deactivate();
}
