namespace Orleans.Transfer.Worker;

/// <summary>A report from the transfer worker to the job grain.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Checkpoint">The durable position and source facts after this event.</param>
/// <param name="Failure">Set when <paramref name="Kind"/> is <see cref="TransferEventKind.Failed"/>.</param>
/// <param name="Note">A remark for the file's info, for example that the server ignores Range.</param>
public sealed record TransferEvent(
    TransferEventKind Kind,
    FileCheckpoint Checkpoint,
    TransferFailure? Failure = null,
    string? Note = null);
