namespace Orleans.Transfer.Worker;

/// <summary>
/// Cancels <see cref="Token"/> when a source goes <see cref="TransferWorkerOptions.StallTimeout"/> without delivering;
/// waiting on the bandwidth limit is not a stall, so the timer is disarmed meanwhile.
/// </summary>
/// <remarks>
/// The read loops arm and disarm it around every read, over a thousand times per GiB. Moving a timer each time woke
/// the runtime's timer thread at each read (docs/benchmarks.md, "the read loop"), so <see cref="Arm"/> only records
/// when the countdown started and the one underlying timer is moved when it fires: to the armed countdown's end when
/// that is still ahead, never when disarmed. The token is still cancelled exactly a timeout after the last arm.
/// </remarks>
internal sealed class StallTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stalled = new();
    private readonly CancellationTokenSource _linked;
    private readonly ITimer _timer;

    // Guards the fields below against the timer's callback; uncontended except when the timer fires.
    private readonly Lock _gate = new();
    private long _armedAt;
    private bool _armed;
    private bool _scheduled;
    private bool _disposed;

    public StallTimer(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _time = time;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stalled.Token);
        _timer = time.CreateTimer(static state => ((StallTimer)state!).Fired(), this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Cancelled by a stall or by the run's own token.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Starts (or restarts) the countdown.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _armedAt = _time.GetTimestamp();
            _armed = true;
            if (!_scheduled && !_disposed)
            {
                _scheduled = true;
                _timer.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _armed = false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        _linked.Dispose();
        _stalled.Dispose();
    }

    private void Fired()
    {
        lock (_gate)
        {
            if (_disposed || !_armed)
            {
                // The next arm schedules it again.
                _scheduled = false;
                return;
            }

            var left = Timeout - _time.GetElapsedTime(_armedAt);
            if (left > TimeSpan.Zero)
            {
                _timer.Change(left, System.Threading.Timeout.InfiniteTimeSpan);
                return;
            }

            _scheduled = false;

            // Under the gate, so that Dispose cannot free the source meanwhile; the registrations only cancel I/O.
            _stalled.Cancel();
        }
    }
}
