namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// One file on the fake receiver: the bytes received in memory, how many of them it acknowledged (its durable
/// position, which it reports when a sender resumes), and an optional one-time failure.
/// </summary>
internal sealed class FakeUpload
{
    private readonly Lock _lock = new();
    private readonly MemoryStream _received = new();
    private (long Offset, bool QuickRetry)? _drop;
    private long _acknowledged;
    private long _bytesReceived;
    private int _opens;

    /// <summary>The bytes the receiver holds, acknowledged or not.</summary>
    public byte[] Content
    {
        get
        {
            lock (_lock)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>The bytes the receiver has acknowledged as durable.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Every byte that arrived, counting any sent twice.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>How many runs opened this upload.</summary>
    public int Opens => Volatile.Read(ref _opens);

    /// <summary>A sender resumes: unacknowledged bytes are gone, and the acknowledged ones are where it goes on.</summary>
    public long Resume()
    {
        lock (_lock)
        {
            _opens++;
            _received.SetLength(_acknowledged);
            return _acknowledged;
        }
    }

    /// <summary>Stores <paramref name="data"/> at <paramref name="position"/>; overlaps replace, gaps are refused.</summary>
    public void Receive(ReadOnlySpan<byte> data, long position)
    {
        lock (_lock)
        {
            if (TakeDrop(position, position + data.Length) is { } quickRetry)
            {
                var failure = new TransferFailure(
                    TransferErrorCode.ConnectionReset, ErrorContext.Transport, "The fake receiver dropped the connection.", HttpStatus: null, IsTransient: true);
                throw quickRetry ? new TransientNetworkException(failure) : new TransferFailedException(failure);
            }

            if (position > _received.Length)
            {
                throw new InvalidOperationException($"A gap: {position} written when {_received.Length} bytes are held.");
            }

            _received.Position = position;
            _received.Write(data);
            _bytesReceived += data.Length;
        }
    }

    /// <summary>Acknowledges every byte received so far.</summary>
    public void Acknowledge()
    {
        lock (_lock)
        {
            _acknowledged = _received.Length;
        }
    }

    /// <summary>Forgets everything: the sender starts over.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _received.SetLength(0);
            _acknowledged = 0;
        }
    }

    /// <summary>Makes the receiver hold exactly <paramref name="bytes"/> acknowledged bytes, as after losing some.</summary>
    public void KeepOnly(long bytes)
    {
        lock (_lock)
        {
            _received.SetLength(bytes);
            _acknowledged = bytes;
        }
    }

    /// <summary>
    /// The next write that reaches <paramref name="offset"/> fails once, storing nothing: retried inside the run when
    /// <paramref name="quickRetry"/>, else the run fails.
    /// </summary>
    public void DropOnceAt(long offset, bool quickRetry)
    {
        lock (_lock)
        {
            _drop = (offset, quickRetry);
        }
    }

    private bool? TakeDrop(long from, long to)
    {
        if (_drop is not { } drop || drop.Offset < from || drop.Offset >= to)
        {
            return null;
        }

        _drop = null;
        return drop.QuickRetry;
    }
}
