using System.Text.Json.Serialization;

namespace Orleans.Transfer.Grains.State;

/// <summary>One file of a persisted job. Property names are a storage contract (see <see cref="TransferJobState"/>).</summary>
public sealed class JobFileState
{
    [JsonPropertyName("RemoteUrl")]
    public string RemoteUrl { get; set; } = "";

    [JsonPropertyName("LocalPath")]
    public string LocalPath { get; set; } = "";

    [JsonPropertyName("TempPath")]
    public string TempPath { get; set; } = "";

    [JsonPropertyName("Ranges")]
    public List<ByteRange> Ranges { get; set; } = [];

    [JsonPropertyName("BytesTotal")]
    public long? BytesTotal { get; set; }

    /// <summary>Bytes durably in the temp file (flushed before they were recorded here).</summary>
    [JsonPropertyName("BytesTransferred")]
    public long BytesTransferred { get; set; }

    [JsonPropertyName("Completed")]
    public bool Completed { get; set; }

    /// <summary>True once Complete moved the temp file to <see cref="LocalPath"/>.</summary>
    [JsonPropertyName("InPlace")]
    public bool InPlace { get; set; }

    [JsonPropertyName("ETag")]
    public string? ETag { get; set; }

    [JsonPropertyName("LastModified")]
    public string? LastModified { get; set; }

    [JsonPropertyName("RangeUnsupported")]
    public bool RangeUnsupported { get; set; }

    [JsonPropertyName("Note")]
    public string? Note { get; set; }

    /// <summary>The temporary file's device at the last checkpoint: a resume writes on that file or starts anew.</summary>
    [JsonPropertyName("TempFileDevice")]
    public ulong? TempFileDevice { get; set; }

    /// <summary>The temporary file's inode at the last checkpoint, with <see cref="TempFileDevice"/>.</summary>
    [JsonPropertyName("TempFileInode")]
    public ulong? TempFileInode { get; set; }

    /// <summary>Where the last redirect led, when the job's redirect policy reports it; null otherwise or after a new URL.</summary>
    [JsonPropertyName("FinalUrl")]
    public string? FinalUrl { get; set; }

    /// <summary>An upload's session on its server (BITS-Session-Id), or null: none yet, or closed or forgotten.</summary>
    [JsonPropertyName("UploadSessionId")]
    public string? UploadSessionId { get; set; }

    /// <summary>The session's BITS-Host-Id, with <see cref="UploadSessionId"/>.</summary>
    [JsonPropertyName("UploadHostId")]
    public string? UploadHostId { get; set; }

    /// <summary>The session's BITS-Host-Id-Fallback-Timeout in seconds, with <see cref="UploadSessionId"/>.</summary>
    [JsonPropertyName("UploadHostIdFallbackSeconds")]
    public int? UploadHostIdFallbackSeconds { get; set; }

    /// <summary>An UploadReply job's reply (B52, B107); null for other job types.</summary>
    [JsonPropertyName("Reply")]
    public JobReplyState? Reply { get; set; }

    /// <summary>The caller's expected digest of the whole file (docs/integrity.md); null when none was given.</summary>
    [JsonPropertyName("Digest")]
    public ContentDigest? Digest { get; set; }

    /// <summary>True once the worker reported the file complete with its bytes matching <see cref="Digest"/>.</summary>
    [JsonPropertyName("DigestVerified")]
    public bool DigestVerified { get; set; }

    /// <summary>
    /// The machine's boot in which the temporary file's bytes past the checkpoint were written: a resume in the same
    /// boot keeps them; null keeps only the checkpoint's bytes.
    /// </summary>
    [JsonPropertyName("TempFileBoot")]
    public string? TempFileBoot { get; set; }

    /// <summary>
    /// The segments of a file fetched over several connections, with each one's durable bytes; null for one connection.
    /// <see cref="BytesTransferred"/> is then their sum, and a resume goes on in every segment.
    /// </summary>
    [JsonPropertyName("Segments")]
    public List<JobSegmentState>? Segments { get; set; }
}
