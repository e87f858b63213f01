namespace Orleans.Transfer.Worker;

/// <summary>
/// Where a transfer's bytes come from, for one run: the remote side of a download (made by an
/// <see cref="IDownloadTransport"/>), or the local file of an upload (<see cref="FileSource"/>, supplied by the
/// pipeline). The source speaks its protocol and hands bytes to the <see cref="TransferSession"/>, which owns
/// position, checkpoints, pacing, restarts and the sink; it never sees which sink that is.
/// </summary>
internal interface ITransferSource
{
    /// <summary>The source's name without credentials, for logs and messages.</summary>
    string DisplayName { get; }

    /// <summary>
    /// Sends every byte from <see cref="TransferSession.Position"/> to the end of the session's segments. One call is
    /// one attempt: after a <see cref="TransientNetworkException"/> the pipeline calls again from the bytes written.
    /// </summary>
    ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken);
}
