namespace Orleans.Transfer.Worker;

/// <summary>
/// The BITS upload packets a job sends outside a run: Close-Session once an UploadReply job's reply is downloaded, and
/// Cancel-Session when an upload job is cancelled (B36). Registered with the BITS upload transport. Thread-safe.
/// </summary>
public interface IUploadSessionControl
{
    /// <summary>
    /// Sends Close-Session for <paramref name="session"/>, resending it on 5xx (except BG_E_SESSION_NOT_FOUND) a few
    /// times within the call; returns null when the server acknowledged it or no longer knows the session, otherwise
    /// the failure (the job logs it; the server's session timeout frees the session).
    /// </summary>
    /// <param name="request">The upload's request as its runs carry it: URL, owner and HTTP options.</param>
    /// <param name="session">The session to close.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<TransferFailure?> CloseAsync(FileTransferRequest request, UploadSessionRef session, CancellationToken cancellationToken);

    /// <summary>
    /// Sends Cancel-Session for <paramref name="session"/> in the background and keeps retrying it, with back-off, while
    /// the server is unreachable or answers 5xx, for at most the BITS upload options' cancel retry window;
    /// 4xx and BG_E_SESSION_NOT_FOUND end it. Returns at once; the cancelled job need not exist any more.
    /// </summary>
    /// <param name="request">The upload's request as its runs carry it: URL, owner and HTTP options.</param>
    /// <param name="session">The session to cancel.</param>
    void CancelInBackground(FileTransferRequest request, UploadSessionRef session);
}
