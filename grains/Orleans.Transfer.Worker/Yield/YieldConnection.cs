namespace Orleans.Transfer.Worker;

/// <summary>
/// One yield-controlled connection of a <see cref="YieldLink"/>: counts what its stream reads and for which job, and
/// holds the window last applied to its socket. Dispose (the stream does) to leave the link.
/// </summary>
internal sealed class YieldConnection : IDisposable
{
    // SO_RCVBUF is rewritten only for changes above this share: each write may shrink the window at once.
    private const double WindowHysteresis = 0.1;

    // Linux advertises about 1.25-1.5 times SO_RCVBUF as window (docs: yielding.md §2).
    private const double WindowPerBufferByte = 1.4;

    // Ethernet 14 + IPv4 20 + TCP 20 bytes, plus 12 of timestamp option: what a received segment adds on the interface.
    private const int HeadersWithoutTimestamps = 54;
    private const int HeadersWithTimestamps = 66;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private long _unreportedBytes;
    private long _lastReadTimestamp;
    private Guid? _lastJob;
    private long? _lastOutOfOrder;
    private long? _lastBytesReceived;
    private long? _lastSegmentsIn;
    private long _appliedBuffer;

    public YieldConnection(YieldLink link, IYieldSocket socket, TimeProvider time)
    {
        Link = link;
        Socket = socket;
        _time = time;
    }

    public YieldLink Link { get; }

    public IYieldSocket Socket { get; }

    /// <summary>The window W_i given to this connection by the last tick; 0 before the first.</summary>
    public long WindowBytes { get; private set; }

    /// <summary>The receive MSS last read from TCP_INFO; 0 when unknown.</summary>
    public int Mss { get; private set; }

    /// <summary>Where this connection's delay signal comes from, as of the last tick.</summary>
    public DelaySignal Signal { get; set; } = DelaySignal.None;

    /// <summary>Counts <paramref name="bytes"/> read for <paramref name="jobId"/> (null: a read outside any job).</summary>
    public void CountRead(int bytes, Guid? jobId)
    {
        Interlocked.Add(ref _unreportedBytes, bytes);
        lock (_lock)
        {
            _lastReadTimestamp = _time.GetTimestamp();
            _lastJob = jobId ?? _lastJob;
        }
    }

    /// <summary>The job that read last, if it read within <paramref name="within"/>.</summary>
    public Guid? RecentJob(TimeSpan within)
    {
        lock (_lock)
        {
            return _lastReadTimestamp != 0 && _time.GetElapsedTime(_lastReadTimestamp) <= within ? _lastJob : null;
        }
    }

    /// <summary>True when the connection read within <paramref name="within"/>.</summary>
    public bool ReadWithin(TimeSpan within)
    {
        lock (_lock)
        {
            return _lastReadTimestamp != 0 && _time.GetElapsedTime(_lastReadTimestamp) <= within;
        }
    }

    /// <summary>Payload bytes read since the previous call.</summary>
    public long TakeBytes() => Interlocked.Exchange(ref _unreportedBytes, 0);

    /// <summary>
    /// Reads TCP_INFO; keeps the MSS and returns the out-of-order packets and the payload bytes the kernel received
    /// since the previous read, alone and with its segments' headers as the interface counts them (null without TCP_INFO).
    /// </summary>
    public (TcpInfo? Info, long OutOfOrderPackets, long? BytesReceived, long? FrameBytes) ReadTcpInfo()
    {
        var info = Socket.ReadTcpInfo();
        if (info is not { } read)
        {
            return (null, 0, null, null);
        }

        Mss = read.ReceiveMss;
        var delta = _lastOutOfOrder is { } last ? Math.Max(0, read.OutOfOrderPackets - last) : 0;
        _lastOutOfOrder = read.OutOfOrderPackets;
        var received = _lastBytesReceived is { } before ? Math.Max(0, read.BytesReceived - before) : read.BytesReceived;
        _lastBytesReceived = read.BytesReceived;
        var segments = _lastSegmentsIn is { } segmentsBefore ? (uint)(read.SegmentsIn - segmentsBefore) : read.SegmentsIn;
        _lastSegmentsIn = read.SegmentsIn;

        // Small segments (a small window makes them) carry more headers per byte than full-size ones.
        var frames = received + (segments * (read.Timestamps ? HeadersWithTimestamps : HeadersWithoutTimestamps));
        return (read, delta, received, frames);
    }

    /// <summary>Gives the connection <paramref name="windowBytes"/>; the socket is told only of changes above 10 %.</summary>
    public void ApplyWindow(long windowBytes)
    {
        WindowBytes = windowBytes;
        if (!Socket.SetsWindow)
        {
            return;
        }

        var buffer = (long)(windowBytes / WindowPerBufferByte);
        if (_appliedBuffer != 0 && Math.Abs(buffer - _appliedBuffer) <= _appliedBuffer * WindowHysteresis)
        {
            return;
        }

        if (Socket.SetReceiveBufferSize((int)Math.Min(buffer, int.MaxValue)))
        {
            _appliedBuffer = buffer;
        }
    }

    public void Dispose() => Link.Unregister(this);
}
