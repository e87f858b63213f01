using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One job's cap on the connections it holds to each server (scheme, host and port) at once, over its files in flight
/// and the segments of a segmented download together. The job grain makes one per transfer slot and passes it in every
/// request of the job (<see cref="FileTransferRequest.Connections"/>); a connection takes a slot before its request and
/// gives it back once the response body is received, before the file's final flush, so files that finish (fsync,
/// rename) still overlap other files' requests. Waiting for a slot is asynchronous and ends with the run. The shared
/// worker-wide handler's own <c>MaxConnectionsPerServer</c> is not used for this: it would queue the requests of every
/// job and priority together inside the handler, behind the scheduler's back. Thread-safe.
/// </summary>
public sealed class ServerConnectionCap
{
    private readonly Dictionary<string, SemaphoreSlim> _servers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A cap of <paramref name="maxPerServer"/> connections to each server.</summary>
    public ServerConnectionCap(int maxPerServer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerServer, 1);
        MaxPerServer = maxPerServer;
    }

    /// <summary>The most connections the job holds to one server at once.</summary>
    public int MaxPerServer { get; }

    /// <summary>The server a URL connects to: scheme, host and port (the scheme's default when the URL names none).</summary>
    public static string ServerOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}");
    }

    /// <summary>The slots of <paramref name="server"/>, made on first use; a job talks to few servers, so they are kept for the run.</summary>
    internal SemaphoreSlim SlotsOf(string server)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(server, out var slots))
            {
                slots = new SemaphoreSlim(MaxPerServer, MaxPerServer);
                _servers.Add(server, slots);
            }

            return slots;
        }
    }
}
