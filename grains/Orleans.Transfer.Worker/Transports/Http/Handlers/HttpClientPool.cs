using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The one handler factory of the HTTP transport. Runs without handler-relevant options share one long-lived client
/// (connection reuse across jobs and owners, as before options existed); every other distinct option set gets its own
/// handler, keyed by <see cref="HttpHandlerKey"/> with the owner in it, so two owners never share a connection (NTLM
/// and Negotiate authenticate the connection itself). Entries unused for <see cref="IdleLifetime"/> are dropped, and
/// at most <see cref="MaxHandlers"/> are kept (the least recently used goes first). A dropped handler is not disposed:
/// a run still using it finishes, and its idle connections close after SocketsHttpHandler's
/// PooledConnectionIdleTimeout. Background runs that yield (issue 14) get handlers of their own, connecting through the
/// <see cref="YieldConnector"/>, so no foreground or non-yielding run ever reuses a controlled connection; the others
/// connect through the <see cref="ReceiveBufferBound"/> when one is given.
/// </summary>
internal sealed partial class HttpClientPool : IDisposable
{
    /// <summary>How long an unused per-option handler is kept. Ten minutes: a job's retries within that reuse it.</summary>
    public static readonly TimeSpan DefaultIdleLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most per-option handlers kept. 128: about one per active job with options.</summary>
    public const int DefaultMaxHandlers = 128;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TransferWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpClientPool> _logger;
    private readonly Lazy<(SocketsHttpHandler Handler, HttpClient Client)> _shared;
    private readonly Lazy<(SocketsHttpHandler Handler, HttpClient Client)> _sharedYield;
    private readonly YieldConnector? _connector;
    private readonly ReceiveBufferBound? _receiveBuffer;

    public HttpClientPool(
        IOptions<TransferWorkerOptions> options,
        TimeProvider time,
        ILogger<HttpClientPool> logger,
        TimeSpan? idleLifetime = null,
        int maxHandlers = DefaultMaxHandlers,
        YieldConnector? connector = null,
        ReceiveBufferBound? receiveBuffer = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        IdleLifetime = idleLifetime ?? DefaultIdleLifetime;
        MaxHandlers = maxHandlers;
        _connector = connector;
        _receiveBuffer = receiveBuffer;
        _shared = new(() => Create(options: null, yield: false));
        _sharedYield = new(() => Create(options: null, yield: true));
    }

    public TimeSpan IdleLifetime { get; }

    public int MaxHandlers { get; }

    /// <summary>The number of per-option handlers kept now (the shared one not counted).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>True when connections can yield to foreground traffic (the yield connector is registered).</summary>
    public bool CanYield => _connector is not null;

    /// <summary>
    /// The client for a run of <paramref name="owner"/>'s job with <paramref name="options"/>, whose connections yield
    /// to foreground traffic when <paramref name="yield"/> is set (and yielding is registered). Throws
    /// <see cref="TransferFailedException"/> when the options cannot be used on this machine.
    /// </summary>
    public HttpClient Get(string? owner, HttpTransferOptions? options, bool yield = false)
    {
        yield &= _connector is not null;
        if (HttpHandlerKey.UsesSharedHandler(options))
        {
            return yield ? _sharedYield.Value.Client : _shared.Value.Client;
        }

        var key = HttpHandlerKey.Compute(owner, options!, yield);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            DropIdle(now);
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.LastUsed = now;
                return entry.Client;
            }

            if (_entries.Count >= MaxHandlers)
            {
                var oldest = _entries.MinBy(e => e.Value.LastUsed);
                _entries.Remove(oldest.Key);
                LogPoolFull(_logger, MaxHandlers);
            }

            var (handler, client) = Create(options, yield);
            _entries[key] = new Entry(handler, client) { LastUsed = now };
            LogHandlerCreated(_logger, owner ?? "(service)", _entries.Count);
            return client;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            // Dropped handlers were left to their last runs and the garbage collector; the live ones end here.
            foreach (var entry in _entries.Values)
            {
                entry.Handler.Dispose();
            }

            _entries.Clear();
        }

        if (_shared.IsValueCreated)
        {
            _shared.Value.Handler.Dispose();
        }

        if (_sharedYield.IsValueCreated)
        {
            _sharedYield.Value.Handler.Dispose();
        }
    }

    private (SocketsHttpHandler Handler, HttpClient Client) Create(HttpTransferOptions? options, bool yield)
    {
        var handler = HttpHandlerBuilder.CreateHandler(
            _options, options, yield ? _connector!.ConnectAsync : _receiveBuffer is { } bound ? bound.ConnectAsync : null);
        return (handler, HttpHandlerBuilder.CreateClient(handler, _options));
    }

    private void DropIdle(DateTimeOffset now)
    {
        var idle = _entries.Where(e => now - e.Value.LastUsed >= IdleLifetime).Select(e => e.Key).ToList();
        foreach (var key in idle)
        {
            _entries.Remove(key);
        }

        if (idle.Count > 0)
        {
            LogHandlersDropped(_logger, idle.Count, _entries.Count);
        }
    }

    private sealed class Entry(SocketsHttpHandler handler, HttpClient client)
    {
        public SocketsHttpHandler Handler { get; } = handler;

        public HttpClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; }
    }
}
