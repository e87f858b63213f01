using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>A transport that downloads: the remote side is the source, the pipeline's temp file the sink.</summary>
internal interface IDownloadTransport : ITransport
{
    /// <summary>Makes the source of one run that reads <paramref name="remote"/>; no I/O until it is run.</summary>
    ITransferSource CreateSource(RemoteAddress remote);

    /// <summary>
    /// Makes the source of one run for <paramref name="request"/>; a transport that reads local files overrides it to
    /// open them with the owner's rights through <paramref name="files"/>.
    /// </summary>
    ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files) => CreateSource(remote);
}
