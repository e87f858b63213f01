using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>A request's remote name resolved to the transport that serves its direction.</summary>
internal sealed record RemoteEndpoint(ITransport Transport, RemoteAddress Address, TransferDirection Direction)
{
    /// <summary>False for remotes that stay reachable while the machine is offline (loopback, local files).</summary>
    public bool NeedsNetwork => Transport.NeedsNetwork(Address);

    /// <summary>
    /// The two ends of one run: the remote source and the temp file for a download, the local file and the remote sink
    /// for an upload. The only place the direction picks them. The local side is opened with the rights of the
    /// request's owner through <paramref name="files"/>.
    /// </summary>
    public TransferEnds CreateEnds(FileTransferRequest request, IOwnerFileSystem files)
    {
        if (Direction == TransferDirection.Upload)
        {
            var sink = ((IUploadTransport)Transport).CreateSink(Address, request);
            var local = new FileSource(files, request.Owner, request.TempPath, ErrorContext.LocalFile);
            return new TransferEnds(local, sink, sink.DisplayName);
        }

        var source = ((IDownloadTransport)Transport).CreateSource(Address, request, files);
        return new TransferEnds(source, new TempFileSink(files, request, BootIdentity.Current, IWriteBack.ForThisPlatform), source.DisplayName);
    }
}
