namespace Orleans.Transfer;

/// <summary>A slice of a job's files, from <see cref="ITransferJobGrain.GetFilesAsync"/>.</summary>
/// <param name="Offset">Index of the first file in <paramref name="Files"/>.</param>
/// <param name="Total">Files in the job.</param>
/// <param name="Files">The files from <paramref name="Offset"/> on, in transfer order.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobFilePage")]
public sealed record JobFilePage(int Offset, int Total, IReadOnlyList<JobFileInfo> Files);
