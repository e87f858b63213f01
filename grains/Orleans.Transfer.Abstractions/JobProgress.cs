namespace Orleans.Transfer;

/// <summary>Progress of a whole job (BITS <c>BG_JOB_PROGRESS</c>).</summary>
/// <param name="BytesTotal">Sum of the files' sizes, or null while any size is unknown.</param>
/// <param name="BytesTransferred">Bytes downloaded so far over all files.</param>
/// <param name="FilesTotal">Number of files in the job.</param>
/// <param name="FilesTransferred">Number of files fully downloaded.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobProgress")]
public sealed record JobProgress(long? BytesTotal, long BytesTransferred, int FilesTotal, int FilesTransferred);
