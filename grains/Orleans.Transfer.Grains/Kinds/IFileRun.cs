using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>
/// One run of a file, as its kind plans it (<see cref="IJobKind.NextRun"/>): what the worker's request carries, and
/// which state the run's events go to. A download's run is the file itself; an upload-reply file has two in turn, its
/// upload and then its reply's download. Used on the grain scheduler only.
/// </summary>
public interface IFileRun
{
    /// <summary>The remote end of the run: the source of a download, the destination of an upload.</summary>
    string RemoteUrl { get; }

    /// <summary>The local end: the temporary file a download writes, the file an upload reads.</summary>
    string LocalPath { get; }

    TransferDirection Direction { get; }

    /// <summary>An upload whose server must answer with a reply (<see cref="FileTransferRequest.ExpectReply"/>).</summary>
    bool ExpectReply { get; }

    /// <summary>Where the run resumes, from the state it writes.</summary>
    FileCheckpoint Checkpoint { get; }

    /// <summary>The bytes the run's state holds durably.</summary>
    long BytesTransferred { get; }

    /// <summary>
    /// The file's bytes to show while the run is ahead of its checkpoint by <paramref name="live"/>; a run that is not
    /// the file's own progress (a reply) leaves <paramref name="checkpointed"/>.
    /// </summary>
    long LiveFileBytes(long checkpointed, long live);

    /// <summary>Takes an event's checkpoint facts into the run's state.</summary>
    void Apply(TransferEvent transferEvent);

    /// <summary>
    /// The run failed (its flushed checkpoint already applied): drops what the failure made worthless, such as the
    /// bytes of a file too large, so that the next run starts afresh.
    /// </summary>
    void Failed(TransferFailure failure, FileTransferRequest request);

    /// <summary>
    /// The run completed (its checkpoint already applied). True: the file is transferred. False: the file has another
    /// run, which <see cref="IJobKind.NextRun"/> plans now. Never throws for a remote's failure.
    /// </summary>
    Task<bool> CompletedAsync(TransferEvent completed, FileTransferRequest request, CancellationToken cancellationToken);
}
