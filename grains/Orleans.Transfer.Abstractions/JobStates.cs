namespace Orleans.Transfer;

/// <summary>Groupings of <see cref="JobState"/> used by the state machine, the scheduler and listings.</summary>
public static class JobStates
{
    /// <summary>Acknowledged and Cancelled: nothing can change the job any more.</summary>
    public static bool IsFinal(this JobState state) => state is JobState.Acknowledged or JobState.Cancelled;

    /// <summary>States in which the service works on the job by itself and must resume it after a restart.</summary>
    public static bool IsActive(this JobState state) =>
        state is JobState.Queued or JobState.Connecting or JobState.Transferring or JobState.TransientError;

    /// <summary>
    /// States that may end a watch: final states plus Error and Transferred, which wait for the owner. The state alone
    /// does not tell whether a Transferred job waits for its owner or for the service's own completion: ask the job
    /// (<see cref="IsSettled(JobEvent)"/>).
    /// </summary>
    public static bool IsSettled(this JobState state) =>
        state.IsFinal() || state is JobState.Error or JobState.Transferred;

    /// <summary>
    /// Whether a watch ends at this event: the job's own answer (<see cref="JobEvent.Settled"/>), or, from a service
    /// that does not send it (the member is null, as a JSON event without <c>settled</c> reads), the state alone.
    /// </summary>
    public static bool IsSettled(this JobEvent jobEvent) => jobEvent.Settled ?? jobEvent.State.IsSettled();
}
