namespace Orleans.Transfer.Client;

/// <summary>The request of a download job created with its files and queued, as the client's shortcuts send it.</summary>
internal static class DownloadJobRequests
{
    public static CreateJobRequest Create(string displayName, IReadOnlyList<FileSpec> files, JobPriority priority, bool completeWhenTransferred) =>
        new(displayName, null, JobType.Download, priority, Owner: string.Empty, Files: files, Resume: true, CompleteWhenTransferred: completeWhenTransferred);
}
