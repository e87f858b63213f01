using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>The one run of a file that moves its bytes between <see cref="JobFileState.RemoteUrl"/> and its temporary path.</summary>
public sealed class FileRun(JobFileState file, TransferDirection direction) : IFileRun
{
    public string RemoteUrl => file.RemoteUrl;

    public string LocalPath => file.TempPath;

    public TransferDirection Direction => direction;

    public bool ExpectReply => false;

    public FileCheckpoint Checkpoint => ToCheckpoint(file);

    public long BytesTransferred => file.BytesTransferred;

    public long LiveFileBytes(long checkpointed, long live) => Math.Max(checkpointed, live);

    public void Apply(TransferEvent transferEvent) => ApplyTo(file, transferEvent);

    public void Failed(TransferFailure failure, FileTransferRequest request)
    {
        // A file too large, or one that did not match its digest twice, had its partial data deleted: the job no longer
        // holds those bytes, and the size budget must not count them.
        if (failure.Code is TransferErrorCode.TooLarge or TransferErrorCode.ContentDigestMismatch)
        {
            file.BytesTransferred = 0;
            file.Segments = null;
        }
    }

    public Task<bool> CompletedAsync(TransferEvent completed, FileTransferRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    /// <summary>The file's checkpoint as a run resumes from it.</summary>
    public static FileCheckpoint ToCheckpoint(JobFileState file) =>
        new(file.BytesTransferred, file.BytesTotal, file.ETag, file.LastModified, file.RangeUnsupported,
            file is { TempFileDevice: { } device, TempFileInode: { } inode } ? new FileIdentity(device, inode) : null,
            WrittenInBoot: file.TempFileBoot,
            Segments: JobSegments.ToCheckpoint(file.Segments));

    /// <summary>Takes an event's checkpoint facts into the file; whether it completed is the run loop's to decide.</summary>
    public static void ApplyTo(JobFileState file, TransferEvent transferEvent)
    {
        var checkpoint = transferEvent.Checkpoint;
        file.BytesTransferred = checkpoint.BytesWritten;
        file.BytesTotal = checkpoint.BytesTotal;
        file.ETag = checkpoint.ETag;
        file.LastModified = checkpoint.LastModified;
        file.RangeUnsupported = checkpoint.RangeUnsupported;
        file.TempFileDevice = checkpoint.TempFile?.Device;
        file.TempFileInode = checkpoint.TempFile?.Inode;
        file.TempFileBoot = checkpoint.WrittenInBoot;
        file.Segments = JobSegments.ToState(checkpoint.Segments);
        file.Note = transferEvent.Note ?? file.Note;
        file.FinalUrl = transferEvent.FinalUrl ?? file.FinalUrl;
        if (transferEvent.Kind == TransferEventKind.Completed)
        {
            file.DigestVerified = transferEvent.DigestVerified;
        }
    }
}
