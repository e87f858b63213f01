using System.Text.Json.Serialization;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// An UploadReply job's reply: where the server put it, and its download into a hidden temporary file beside
/// <see cref="Path"/>, checkpointed like a file's. Property names are a storage contract (see <see cref="TransferJobState"/>).
/// </summary>
public sealed class JobReplyState
{
    /// <summary>The reply file: the caller's reply path, or a hidden name beside the uploaded file.</summary>
    [JsonPropertyName("Path")]
    public string Path { get; set; } = "";

    /// <summary>Where the reply downloads to until Complete renames it to <see cref="Path"/>.</summary>
    [JsonPropertyName("TempPath")]
    public string TempPath { get; set; } = "";

    /// <summary>The reply's absolute URL from the upload's last Ack (BITS-Reply-URL); null until the upload is in.</summary>
    [JsonPropertyName("Url")]
    public string? Url { get; set; }

    [JsonPropertyName("BytesTotal")]
    public long? BytesTotal { get; set; }

    /// <summary>Bytes of the reply durably in <see cref="TempPath"/>.</summary>
    [JsonPropertyName("BytesTransferred")]
    public long BytesTransferred { get; set; }

    /// <summary>True once the whole reply is in <see cref="TempPath"/>.</summary>
    [JsonPropertyName("Completed")]
    public bool Completed { get; set; }

    /// <summary>True once Complete moved the reply to <see cref="Path"/>.</summary>
    [JsonPropertyName("InPlace")]
    public bool InPlace { get; set; }

    [JsonPropertyName("ETag")]
    public string? ETag { get; set; }

    [JsonPropertyName("LastModified")]
    public string? LastModified { get; set; }

    [JsonPropertyName("RangeUnsupported")]
    public bool RangeUnsupported { get; set; }

    [JsonPropertyName("TempFileDevice")]
    public ulong? TempFileDevice { get; set; }

    [JsonPropertyName("TempFileInode")]
    public ulong? TempFileInode { get; set; }

    /// <summary>The reply's segments when it is fetched over several connections (see <see cref="JobFileState.Segments"/>).</summary>
    [JsonPropertyName("Segments")]
    public List<JobSegmentState>? Segments { get; set; }
}
