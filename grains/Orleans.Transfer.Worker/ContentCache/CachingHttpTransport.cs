using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The http transport with the content cache in front (<see cref="ContentCacheServiceCollectionExtensions.AddContentCache"/>
/// puts it in the http transport's place): a run that may share content gets a <see cref="CachedHttpSource"/> around
/// the transport's own source; every other run, and every run while the cache is off, gets the source unchanged.
/// </summary>
internal sealed class CachingHttpTransport(
    HttpTransport inner,
    HttpClientPool pool,
    IOptions<ContentCacheOptions> options,
    IContentCacheCoordinator? coordinator,
    TimeProvider time,
    ILoggerFactory loggers) : IDownloadTransport
{
    private readonly ContentBlockStore? _store = options.Value.Enabled ? new ContentBlockStore(options.Value.Directory!, time) : null;
    private ContentCacheEvictor? _evictor;

    public string Name => inner.Name;

    public IReadOnlyList<string> Schemes => inner.Schemes;

    public bool NeedsNetwork(RemoteAddress remote) => inner.NeedsNetwork(remote);

    public string Normalize(RemoteAddress remote, string field) => inner.Normalize(remote, field);

    public ITransferSource CreateSource(RemoteAddress remote) => inner.CreateSource(remote);

    public ITransferSource CreateSource(RemoteAddress remote, FileTransferRequest request, IOwnerFileSystem files)
    {
        var source = inner.CreateSource(remote, request, files);
        if (_store is null || coordinator is null || SharingRules.ForbidsSharing(request, remote.Uri) is not null)
        {
            return source;
        }

        _evictor ??= new ContentCacheEvictor(_store, coordinator, options, loggers.CreateLogger<ContentCacheEvictor>());
        return new CachedHttpSource(
            source,
            pool.Get(request.Owner, request.Http, inner.Yields(request.Priority)),
            remote.Uri,
            _store,
            coordinator,
            options.Value,
            _evictor,
            loggers.CreateLogger<CachedHttpSource>());
    }
}
