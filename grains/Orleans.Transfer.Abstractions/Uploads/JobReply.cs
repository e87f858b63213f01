namespace Orleans.Transfer.Uploads;

/// <summary>A finished UploadReply job's reply read into memory (BITS GetReplyData, B107).</summary>
/// <param name="Info">The reply's size and file.</param>
/// <param name="Data">The reply's bytes, at most <see cref="MaxInMemoryBytes"/>.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Uploads.JobReply")]
public sealed record JobReply(JobReplyInfo Info, byte[] Data)
{
    /// <summary>The largest reply returned in memory (1 MiB, as BITS); a larger one is read from its file.</summary>
    public const int MaxInMemoryBytes = 1024 * 1024;
}
