namespace Orleans.Transfer.Worker;

/// <summary>A report from the transfer worker to the job grain.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Checkpoint">The durable position and source facts after this event.</param>
/// <param name="Failure">Set when <paramref name="Kind"/> is <see cref="TransferEventKind.Failed"/>.</param>
/// <param name="Note">A remark for the file's info, for example that the server ignores Range.</param>
/// <param name="FinalUrl">
/// On <see cref="TransferEventKind.Connected"/> (or a failure at a refused redirect): where a redirect led, when the
/// job's redirect policy reports it; never with credentials.
/// </param>
/// <param name="ReplyUrl">
/// On <see cref="TransferEventKind.Completed"/> of an upload with <see cref="FileTransferRequest.ExpectReply"/>: the
/// absolute URL of the server application's reply (BITS-Reply-URL resolved against the upload URL), to download next.
/// </param>
/// <param name="DigestVerified">
/// On <see cref="TransferEventKind.Completed"/>: the request's <see cref="FileTransferRequest.Digest"/> was checked
/// against the bytes and matched.
/// </param>
public sealed record TransferEvent(
    TransferEventKind Kind,
    FileCheckpoint Checkpoint,
    TransferFailure? Failure = null,
    string? Note = null,
    string? FinalUrl = null,
    string? ReplyUrl = null,
    bool DigestVerified = false);
