namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// A sink whose flushes block until the test opens the gate, to see what the run does while a flush is still running.
/// <paramref name="writeBoot"/> non-null: its unflushed bytes survive a crash of the service, as a local temp file's;
/// <paramref name="flushesLocally"/>: its flush is a local fsync, which the file flusher may run.
/// </summary>
internal sealed class GatedSink(string? writeBoot, bool flushesLocally = false) : ITransferSink
{
    private readonly ManualResetEventSlim _gate = new(initialState: false);
    private int _flushes;

    public string DisplayName => "gated sink";

    public bool IsOpen => true;

    public string? WriteBoot => writeBoot;

    public bool FlushesLocally => flushesLocally;

    /// <summary>The thread of the last flush that returned.</summary>
    public string? FlushedOn { get; private set; }

    /// <summary>Flushes that returned.</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    /// <summary>What each flush throws once the gate is open, as a disk that failed it would; null: flushes succeed.</summary>
    public Exception? FlushFailure { get; init; }

    public void Open() => _gate.Set();

    public ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken) => new(durableBytes);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken) => default;

    public void Flush()
    {
        _gate.Wait(TimeSpan.FromSeconds(30));
        if (FlushFailure is { } failure)
        {
            throw failure;
        }

        FlushedOn = Thread.CurrentThread.Name;
        Interlocked.Increment(ref _flushes);
    }

    public TransferFailedException FlushFailed(Exception exception) => new(
        new TransferFailure(TransferErrorCode.DiskFull, ErrorContext.LocalFile, exception.Message, HttpStatus: null, IsTransient: true),
        exception);

    public void Reset()
    {
    }

    public void EnsureIntact(long position)
    {
    }

    public void Replace()
    {
    }

    public void Dispose() => _gate.Dispose();
}
