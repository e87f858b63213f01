namespace Orleans.Transfer.Client;

/// <summary>
/// The one-call request of an upload job, for <see cref="ITransferClient.CreateUploadJobAsync"/> and for callers that add
/// HTTP options or credentials to it (<c>request with { Http = ... }</c>) before <see cref="ITransferClient.CreateJobAsync"/>.
/// </summary>
public static class UploadJobRequests
{
    /// <summary>
    /// An <see cref="JobType.Upload"/> job of one file, or an <see cref="JobType.UploadReply"/> job when
    /// <paramref name="replyPath"/> is given. Paths pass through as given: the service requires them absolute.
    /// </summary>
    /// <param name="localPath">The file to send.</param>
    /// <param name="remoteUrl">Its destination on the upload server.</param>
    /// <param name="replyPath">Where the server's reply goes, or null for a plain upload.</param>
    /// <param name="priority">Priority of the job.</param>
    /// <param name="displayName">Display name; null or empty for the local file's name.</param>
    /// <param name="start">Queues the job at once (true) or leaves it Suspended.</param>
    /// <param name="completeWhenTransferred">
    /// The service completes the job itself once the server has the whole file (and the reply is downloaded):
    /// <see cref="CreateJobRequest.CompleteWhenTransferred"/>.
    /// </param>
    /// <exception cref="ArgumentException">A path or the URL is empty.</exception>
    public static CreateJobRequest Create(
        string localPath,
        string remoteUrl,
        string? replyPath = null,
        JobPriority priority = JobPriority.Normal,
        string? displayName = null,
        bool start = true,
        bool completeWhenTransferred = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteUrl);
        if (replyPath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(replyPath);
        }

        var name = string.IsNullOrEmpty(displayName) ? Path.GetFileName(localPath) : displayName;
        return new CreateJobRequest(
            string.IsNullOrEmpty(name) ? localPath : name,
            Description: null,
            replyPath is null ? JobType.Upload : JobType.UploadReply,
            priority,
            Owner: string.Empty,
            [new FileSpec(remoteUrl, localPath)],
            Resume: start,
            ReplyPath: replyPath,
            CompleteWhenTransferred: completeWhenTransferred);
    }
}
