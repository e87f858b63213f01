namespace Orleans.Transfer;

/// <summary>What a job's history entry records (<see cref="JobHistoryEntry"/>): the role of BITS' event log.</summary>
public enum JobHistoryKind
{
    /// <summary>The job was created (its message names the type and the number of files).</summary>
    Created = 1,

    /// <summary>The job's state changed (<see cref="JobHistoryEntry.State"/> is the new one; the message says from what).</summary>
    StateChanged = 2,

    /// <summary>A failure the job cannot recover from by itself: the job goes to Error. Code and message are the error's.</summary>
    Error = 3,

    /// <summary>A transient failure: the job goes to TransientError and retries by itself (the message says when).</summary>
    Retry = 4,

    /// <summary>Files were added (the message says how many).</summary>
    FilesAdded = 5,

    /// <summary>Properties changed through set (priority, name, retry settings, notifications, HTTP options, remote URLs).</summary>
    PropertiesChanged = 6,

    /// <summary>Another account took ownership (the message names the previous and the new owner).</summary>
    OwnershipTaken = 7,

    /// <summary>A notification (webhook or command) was delivered.</summary>
    NotificationDelivered = 8,

    /// <summary>A notification attempt failed (the message says why; it may be retried).</summary>
    NotificationFailed = 9,
}
