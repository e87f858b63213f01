namespace Orleans.Transfer;

/// <summary>Events a job reports (BITS B57–B60 notify flags).</summary>
[Flags]
public enum JobEventKind
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>All files transferred (BG_NOTIFY_JOB_TRANSFERRED).</summary>
    JobTransferred = 1,

    /// <summary>The job went to Error (BG_NOTIFY_JOB_ERROR); not raised for TransientError.</summary>
    JobError = 2,

    /// <summary>The job's state or properties changed (BG_NOTIFY_JOB_MODIFICATION).</summary>
    JobModification = 4,

    /// <summary>One file finished (BG_NOTIFY_FILE_TRANSFERRED); raised before JobTransferred.</summary>
    FileTransferred = 8,

    /// <summary>
    /// Bytes moved with no other change: sent to watchers only, never to observers, notify commands or webhooks (not a
    /// BITS notify flag).
    /// </summary>
    Progress = 16,
}
