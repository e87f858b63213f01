namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>Job progress in JSON; <see cref="BytesTotal"/> is null while a size is unknown.</summary>
internal sealed record ProgressJson(long? BytesTotal, long BytesTransferred, int FilesTotal, int FilesTransferred)
{
    public static ProgressJson From(JobProgress progress) =>
        new(progress.BytesTotal, progress.BytesTransferred, progress.FilesTotal, progress.FilesTransferred);
}
