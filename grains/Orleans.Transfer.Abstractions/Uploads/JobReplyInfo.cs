namespace Orleans.Transfer.Uploads;

/// <summary>An UploadReply job's reply (BITS GetReplyProgress and GetReplyFileName, B52).</summary>
/// <param name="BytesTotal">The reply's size, or null while unknown (before the upload finished and the reply was found).</param>
/// <param name="BytesTransferred">Bytes of the reply downloaded so far.</param>
/// <param name="Path">The reply file: the caller's name, or the hidden name the service chose.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Uploads.JobReplyInfo")]
public sealed record JobReplyInfo(long? BytesTotal, long BytesTransferred, string Path)
{
    /// <summary>True once the whole reply is in the reply file.</summary>
    public bool IsComplete => BytesTotal is { } total && BytesTransferred == total;
}
