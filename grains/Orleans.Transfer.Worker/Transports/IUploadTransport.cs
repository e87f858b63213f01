namespace Orleans.Transfer.Worker;

/// <summary>A transport that uploads: the request's local file is the source, the remote side the sink.</summary>
internal interface IUploadTransport : ITransport
{
    /// <summary>
    /// Makes the sink of one run that writes <paramref name="remote"/> for <paramref name="request"/> (its job and
    /// file name a remote session, its local file the content); no I/O until <see cref="ITransferSink.OpenAsync"/>.
    /// </summary>
    ITransferSink CreateSink(RemoteAddress remote, FileTransferRequest request);

    /// <summary>
    /// Cancel or Complete of an unfinished upload (B36, B44): deletes in the background what its runs left on the
    /// remote (an SMB upload's temporary file on the share); returns at once, never throws. By default nothing.
    /// </summary>
    void DiscardInBackground(RemoteAddress remote, FileTransferRequest request)
    {
    }
}
