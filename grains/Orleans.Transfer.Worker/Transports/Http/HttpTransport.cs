using Microsoft.Extensions.Options;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// HTTP and HTTPS downloads: ranged GETs validated with If-Range, through the client <see cref="HttpClientPool"/>
/// gives the job's owner and options; runs of the priorities that yield (<see cref="YieldOptions.Yields"/>) get one whose
/// connections yield to foreground traffic.
/// </summary>
internal sealed class HttpTransport(
    HttpClientPool pool, IOptions<YieldOptions> yieldOptions, IOptions<TransferWorkerOptions> workerOptions) : IDownloadTransport
{
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

    public ITransferSource CreateSource(RemoteAddress remote) => new HttpSource(pool.Get(owner: null, options: null), remote.Uri, options: null);

    public ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files)
    {
        var yields = Yields(request.Priority);
        var connections = request.SingleConnection ? 1 : Connections(yields && pool.CanYield, remote.Uri, request.Http?.Segments, workerOptions.Value.Segments);
        return new HttpSource(pool.Get(request.Owner, request.Http, yields), remote.Uri, request.Http, connections, request.Connections);
    }

    /// <summary>
    /// The connections a file may be fetched over: the job's setting, else the worker's; one when its connections
    /// yield to foreground traffic (a yielding job must not take the link with more of them). Loopback is never
    /// controlled, so a job of a yielding priority to a local server still may.
    /// </summary>
    internal static int Connections(bool yields, Uri uri, int? jobSegments, int workerSegments) =>
        yields && !uri.IsLoopback ? 1 : jobSegments ?? workerSegments;

    /// <summary>True when runs of <paramref name="priority"/> connect through the yield hook; never for Foreground.</summary>
    internal bool Yields(JobPriority priority) =>
        priority != JobPriority.Foreground && yieldOptions.Value.Yields(priority);
}
