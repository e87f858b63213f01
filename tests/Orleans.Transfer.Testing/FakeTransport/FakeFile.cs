
namespace Orleans.Transfer.Testing.FakeTransport;

/// <summary>A fake remote file: its bytes, its validator, and an optional one-time drop.</summary>
public sealed class FakeFile(byte[] content, string etag)
{
    private readonly Lock _lock = new();
    private (long Offset, bool QuickRetry)? _drop;
    private int _connections;

    public byte[] Content { get; } = content;

    public string ETag { get; } = etag;

    /// <summary>How many times a source connected to this file.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Connected() => Interlocked.Increment(ref _connections);

    /// <summary>
    /// The next read that reaches <paramref name="offset"/> drops the connection once: retried inside the run when
    /// <paramref name="quickRetry"/>, else the run fails.
    /// </summary>
    public void DropOnceAt(long offset, bool quickRetry)
    {
        lock (_lock)
        {
            _drop = (offset, quickRetry);
        }
    }

    /// <summary>The drop due in [<paramref name="from"/>, <paramref name="to"/>), taken so it happens once.</summary>
    public bool? TakeDrop(long from, long to)
    {
        lock (_lock)
        {
            if (_drop is not { } drop || drop.Offset < from || drop.Offset >= to)
            {
                return null;
            }

            _drop = null;
            return drop.QuickRetry;
        }
    }
}
