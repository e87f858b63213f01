namespace Orleans.Transfer.Grains;

/// <summary>
/// The BITS job state machine (B13–B32) as pure functions: which transitions exist, and what each caller operation does
/// from each state. Illegal operations throw <see cref="TransferJobException"/> with <see cref="TransferErrorCode.InvalidState"/>.
/// </summary>
internal static class JobStateMachine
{
    private static readonly Dictionary<JobState, JobState[]> s_transitions = new()
    {
        [JobState.Suspended] = [JobState.Queued, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Queued] = [JobState.Connecting, JobState.Transferred, JobState.TransientError, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Connecting] = [JobState.Transferring, JobState.Transferred, JobState.Queued, JobState.TransientError, JobState.Error, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Transferring] = [JobState.Connecting, JobState.Transferred, JobState.Queued, JobState.TransientError, JobState.Error, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.TransientError] = [JobState.Queued, JobState.Error, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Error] = [JobState.Queued, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Transferred] = [JobState.Queued, JobState.Suspended, JobState.Cancelled, JobState.Acknowledged],
        [JobState.Acknowledged] = [],
        [JobState.Cancelled] = [],
    };

    public static bool CanTransition(JobState from, JobState to) => s_transitions[from].Contains(to);

    /// <summary>B14, B21, B25, B29: Resume queues the job; a job already queued or moving is left alone.</summary>
    public static JobState Resume(JobState current, int fileCount, bool allFilesTransferred)
    {
        EnsureNotFinal(current, "resume");
        if (fileCount == 0)
        {
            throw new TransferJobException(TransferErrorCode.Empty, "The job has no files; add at least one file before resuming it.");
        }

        return current switch
        {
            JobState.Queued or JobState.Connecting or JobState.Transferring => current,
            JobState.Transferred when allFilesTransferred => current,
            _ => JobState.Queued,
        };
    }

    /// <summary>B28: any non-final state may be suspended; suspending a suspended job is a no-op.</summary>
    public static JobState Suspend(JobState current)
    {
        EnsureNotFinal(current, "suspend");
        return JobState.Suspended;
    }

    /// <summary>B27: any non-final state may be cancelled.</summary>
    public static JobState Cancel(JobState current)
    {
        EnsureNotFinal(current, "cancel");
        return JobState.Cancelled;
    }

    /// <summary>
    /// B26: a download may be completed from any non-final state (only finished files are kept); an upload, with
    /// <paramref name="onlyWhenTransferred"/>, only from Transferred.
    /// </summary>
    public static JobState Complete(JobState current, bool onlyWhenTransferred = false)
    {
        EnsureNotFinal(current, "complete");
        if (onlyWhenTransferred && current != JobState.Transferred)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                $"This job can be completed only once Transferred (the server has the whole file); it is {current}. Wait for it, or cancel it.");
        }

        return JobState.Acknowledged;
    }

    /// <summary>B32: final states reject every change.</summary>
    public static void EnsureNotFinal(JobState current, string operation)
    {
        if (current.IsFinal())
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                $"Cannot {operation} a job that is {current}: the job has ended and can no longer change.");
        }
    }
}
