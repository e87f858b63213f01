using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// BITS uploads (the BITS 1.5 upload protocol, docs/uploads.md) to http and https URLs, through the client
/// <see cref="HttpClientPool"/> gives the job's owner and options, as the http download transport does.
/// </summary>
internal sealed class BitsUploadTransport(
    HttpClientPool pool, IOptions<BitsUploadOptions> options, TimeProvider time, ILogger<BitsUploadTransport> logger) : IUploadTransport
{
    public string Name => "bits-upload";

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

    public ITransferSink CreateSink(RemoteAddress remote, FileTransferRequest request) =>
        new BitsUploadSink(pool.Get(request.Owner, request.Http), remote.Uri, request, options.Value, time, logger);
}
