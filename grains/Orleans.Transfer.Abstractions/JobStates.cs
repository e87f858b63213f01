namespace Orleans.Transfer;

/// <summary>Groupings of <see cref="JobState"/> used by the state machine, the scheduler and listings.</summary>
public static class JobStates
{
    /// <summary>Acknowledged and Cancelled: nothing can change the job any more.</summary>
    public static bool IsFinal(this JobState state) => state is JobState.Acknowledged or JobState.Cancelled;

    /// <summary>States in which the service works on the job by itself and must resume it after a restart.</summary>
    public static bool IsActive(this JobState state) =>
        state is JobState.Queued or JobState.Connecting or JobState.Transferring or JobState.TransientError;

    /// <summary>States a watcher stops at: final states plus Error and Transferred, which wait for the owner.</summary>
    public static bool IsSettled(this JobState state) =>
        state.IsFinal() || state is JobState.Error or JobState.Transferred;
}
