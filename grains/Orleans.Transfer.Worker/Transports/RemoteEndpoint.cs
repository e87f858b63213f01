using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>A request's remote name resolved to the transport that serves its direction.</summary>
internal sealed record RemoteEndpoint(ITransport Transport, RemoteAddress Address, TransferDirection Direction)
{
    /// <summary>False for remotes that stay reachable while the machine is offline (loopback, local files).</summary>
    public bool NeedsNetwork => Transport.NeedsNetwork(Address);

    /// <summary>
    /// The two ends of one run: the remote source and the temp file for a download, the local file and the remote sink
    /// for an upload. The only place the direction picks them.
    /// </summary>
    public TransferEnds CreateEnds(FileTransferRequest request)
    {
        if (Direction == TransferDirection.Upload)
        {
            var sink = ((IUploadTransport)Transport).CreateSink(Address, request);
            return new TransferEnds(new FileSource(request.TempPath, ErrorContext.LocalFile), sink, sink.DisplayName);
        }

        var source = ((IDownloadTransport)Transport).CreateSource(Address);
        return new TransferEnds(source, new TempFileSink(request.TempPath), source.DisplayName);
    }
}
