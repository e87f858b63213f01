namespace Orleans.Transfer;

/// <summary>The state of a transfer job. Values follow BITS' <c>BG_JOB_STATE</c> ordinals.</summary>
public enum JobState
{
    /// <summary>Waiting for the scheduler to give the job its turn.</summary>
    Queued = 0,

    /// <summary>Contacting the server for the current file.</summary>
    Connecting = 1,

    /// <summary>Bytes are flowing for the current file.</summary>
    Transferring = 2,

    /// <summary>Paused; new jobs start here. Resume moves the job to Queued.</summary>
    Suspended = 3,

    /// <summary>A fatal error stopped the job; fix the cause and Resume, or Complete/Cancel.</summary>
    Error = 4,

    /// <summary>A recoverable error; the job retries by itself after MinimumRetryDelay.</summary>
    TransientError = 5,

    /// <summary>Every file is downloaded; Complete makes the files visible under their final names.</summary>
    Transferred = 6,

    /// <summary>Final: Complete succeeded.</summary>
    Acknowledged = 7,

    /// <summary>Final: the job was cancelled and its temporary files deleted.</summary>
    Cancelled = 8,
}
