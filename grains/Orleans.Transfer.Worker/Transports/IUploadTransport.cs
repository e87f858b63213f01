namespace Orleans.Transfer.Worker;

/// <summary>A transport that uploads: the request's local file is the source, the remote side the sink.</summary>
internal interface IUploadTransport : ITransport
{
    /// <summary>
    /// Makes the sink of one run that writes <paramref name="remote"/> for <paramref name="request"/> (its job and
    /// file name a remote session, its local file the content); no I/O until <see cref="ITransferSink.OpenAsync"/>.
    /// </summary>
    ITransferSink CreateSink(RemoteAddress remote, FileTransferRequest request);
}
