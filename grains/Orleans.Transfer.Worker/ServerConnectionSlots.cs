namespace Orleans.Transfer.Worker;

/// <summary>
/// The slots of a <see cref="ServerConnectionCap"/> that one connection holds (a segmented download's extra connections
/// included), all of one server: a redirect to another server gives them back before it waits for that server's.
/// Used by one request path at a time; disposing gives every slot back.
/// </summary>
internal sealed class ServerConnectionSlots(ServerConnectionCap cap) : IDisposable
{
    private SemaphoreSlim? _held;
    private string? _server;

    /// <summary>Slots held now.</summary>
    public int Count { get; private set; }

    /// <summary>True when a slot is held, or none is needed, for a request to <paramref name="uri"/>.</summary>
    public bool Holds(Uri uri) => Count > 0 && string.Equals(_server, ServerConnectionCap.ServerOf(uri), StringComparison.Ordinal);

    /// <summary>
    /// Holds one slot of <paramref name="uri"/>'s server, waiting until the job's other connections to it leave one; the
    /// slots of another server (the previous hop of a redirect) are given back first.
    /// </summary>
    public async ValueTask HoldAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (Holds(uri))
        {
            return;
        }

        Release();
        var server = ServerConnectionCap.ServerOf(uri);
        var slots = cap.SlotsOf(server);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        (_held, _server, Count) = (slots, server, 1);
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> more slots of the held server without waiting, for a segmented download's
    /// other connections (at its split, and while a resumed one has segments waiting); returns how many it got. A download waiting here for slots that its job's other files hold
    /// could wait for ever behind a segmented file that waits the same way, so it takes what is free and splits less.
    /// </summary>
    public int TryAddMore(int count)
    {
        var added = 0;
        while (_held is not null && added < count && _held.Wait(0))
        {
            added++;
        }

        Count += added;
        return added;
    }

    /// <summary>Gives every slot back.</summary>
    public void Release()
    {
        if (Count > 0)
        {
            _held!.Release(Count);
        }

        (_held, _server, Count) = (null, null, 0);
    }

    public void Dispose() => Release();
}
