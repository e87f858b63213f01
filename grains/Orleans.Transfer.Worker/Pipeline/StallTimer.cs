namespace Orleans.Transfer.Worker;

/// <summary>
/// Cancels <see cref="Token"/> when a source goes <see cref="TransferWorkerOptions.StallTimeout"/> without delivering;
/// waiting on the bandwidth limit is not a stall, so the timer is disarmed meanwhile.
/// </summary>
internal sealed class StallTimer : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public StallTimer(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _timer = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Cancelled by a stall or by the run's own token.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Starts (or restarts) the countdown.</summary>
    public void Arm() => _timer.CancelAfter(Timeout);

    public void Disarm() => _timer.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
