namespace Orleans.Transfer.Worker;

/// <summary>
/// What a job calls when it cancels an unfinished upload, or completes without it (B36, B44): the upload's transport
/// deletes what its runs left on the remote, such as an SMB upload's temporary file on the share. BITS upload sessions
/// are cancelled through <see cref="IUploadSessionControl"/> instead. Registered by <c>AddTransferWorker</c>. Thread-safe.
/// </summary>
public interface IUploadCleanup
{
    /// <summary>Starts the clean-up in the background and returns at once; never throws.</summary>
    /// <param name="request">The upload's request as its runs carry it: URL, job, file index, owner and credentials.</param>
    void DiscardInBackground(FileTransferRequest request);
}
