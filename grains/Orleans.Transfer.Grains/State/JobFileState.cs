namespace Orleans.Transfer.Grains.State;

/// <summary>One file of a persisted job. Property names are a storage contract (see <see cref="TransferJobState"/>).</summary>
public sealed class JobFileState
{
    public string RemoteUrl { get; set; } = "";

    public string LocalPath { get; set; } = "";

    public string TempPath { get; set; } = "";

    public List<ByteRange> Ranges { get; set; } = [];

    public long? BytesTotal { get; set; }

    /// <summary>Bytes durably in the temp file (flushed before they were recorded here).</summary>
    public long BytesTransferred { get; set; }

    public bool Completed { get; set; }

    /// <summary>True once Complete moved the temp file to <see cref="LocalPath"/>.</summary>
    public bool InPlace { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public bool RangeUnsupported { get; set; }

    public string? Note { get; set; }

    /// <summary>The temporary file's device at the last checkpoint: a resume writes on that file or starts anew.</summary>
    public ulong? TempFileDevice { get; set; }

    /// <summary>The temporary file's inode at the last checkpoint, with <see cref="TempFileDevice"/>.</summary>
    public ulong? TempFileInode { get; set; }
}
