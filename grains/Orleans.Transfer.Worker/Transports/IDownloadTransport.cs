namespace Orleans.Transfer.Worker;

/// <summary>A transport that downloads: the remote side is the source, the pipeline's temp file the sink.</summary>
internal interface IDownloadTransport : ITransport
{
    /// <summary>Makes the source of one run that reads <paramref name="remote"/>; no I/O until it is run.</summary>
    ITransferSource CreateSource(RemoteAddress remote);
}
