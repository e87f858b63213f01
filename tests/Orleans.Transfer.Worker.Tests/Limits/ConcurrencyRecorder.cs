namespace Orleans.Transfer.Worker.Tests;

/// <summary>Fake connections under a <see cref="ServerConnectionCap"/>: records how many each server has at once.</summary>
internal sealed class ConcurrencyRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Now, int Peak)> _servers = [];

    public int Total { get; private set; }

    public int Now(Uri uri) => Get(uri).Now;

    public int Peak(Uri uri) => Get(uri).Peak;

    /// <summary>Takes a slot of <paramref name="uri"/>'s server, counts the connection open until <paramref name="hold"/> completes, then lets it go.</summary>
    public async Task ConnectAsync(ServerConnectionCap cap, Uri uri, Task hold, CancellationToken cancellationToken)
    {
        using var slots = new ServerConnectionSlots(cap);
        await slots.HoldAsync(uri, cancellationToken);
        Change(uri, +1);
        try
        {
            await hold;
        }
        finally
        {
            Change(uri, -1);
        }
    }

    private (int Now, int Peak) Get(Uri uri)
    {
        lock (_gate)
        {
            return _servers.GetValueOrDefault(ServerConnectionCap.ServerOf(uri));
        }
    }

    private void Change(Uri uri, int by)
    {
        lock (_gate)
        {
            var server = ServerConnectionCap.ServerOf(uri);
            var (now, peak) = _servers.GetValueOrDefault(server);
            now += by;
            _servers[server] = (now, Math.Max(peak, now));
            Total += by > 0 ? 1 : 0;
        }
    }
}
