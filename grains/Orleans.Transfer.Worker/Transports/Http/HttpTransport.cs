using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>HTTP and HTTPS downloads: ranged GETs validated with If-Range, through one pooled client.</summary>
internal sealed class HttpTransport(IHttpClientFactory clients) : IDownloadTransport
{
    internal const string ClientName = "Orleans.Transfer.Worker";

    public string Name => "http";

    public IReadOnlyList<string> Schemes { get; } = [Uri.UriSchemeHttp, Uri.UriSchemeHttps];

    public bool NeedsNetwork(RemoteAddress remote) => !remote.Uri.IsLoopback;

    public string Normalize(RemoteAddress remote, string field)
    {
        if (string.IsNullOrEmpty(remote.Uri.Host))
        {
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} has no host name.", field);
        }

        return remote.Remote;
    }

    public ITransferSource CreateSource(RemoteAddress remote) => new HttpSource(clients.CreateClient(ClientName), remote.Uri, options: null);

    public ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files) =>
        new HttpSource(clients.CreateClient(ClientName), remote.Uri, request.Http);
}
