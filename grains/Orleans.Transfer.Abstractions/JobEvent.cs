namespace Orleans.Transfer;

/// <summary>
/// What happened to a job, small enough to send on every change: the one event type of every surface (observers,
/// watchers, and later the local API's event stream and the dashboard). Fetch the whole job with
/// <see cref="ITransferJobGrain.GetInfoAsync"/> or its files with <see cref="ITransferJobGrain.GetFilesAsync"/>.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">The event: one of the notify flags (B57–B60), or <see cref="JobEventKind.Progress"/>.</param>
/// <param name="State">The job's state after the event.</param>
/// <param name="BytesTransferred">Bytes transferred over all files, live.</param>
/// <param name="BytesTotal">Bytes to transfer over all files, or null while any size is unknown.</param>
/// <param name="FilesTransferred">Files fully transferred.</param>
/// <param name="FilesTotal">Files in the job.</param>
/// <param name="FileIndex">The file the event is about (FileTransferred, or the file in error), or null.</param>
/// <param name="ErrorCode">
/// The job's error while in Error or TransientError, or while Transferred after the service failed to complete it
/// (<see cref="JobInfo.CompleteWhenTransferred"/>, B30); otherwise null.
/// </param>
/// <param name="OccurredAt">When the job raised the event (UTC).</param>
/// <param name="Settled">
/// True when the job waits for its owner or is final, so a watch ends here: Error, Acknowledged, Cancelled, or
/// Transferred unless the service is about to complete the job itself or is completing it. Null from a service that
/// predates it: read it with <see cref="JobStates.IsSettled(JobEvent)"/>, which falls back to the state alone.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobEvent")]
public sealed record JobEvent(
    Guid JobId,
    JobEventKind Kind,
    JobState State,
    long BytesTransferred,
    long? BytesTotal,
    int FilesTransferred,
    int FilesTotal,
    int? FileIndex,
    TransferErrorCode? ErrorCode,
    DateTimeOffset OccurredAt,
    bool? Settled = null);
