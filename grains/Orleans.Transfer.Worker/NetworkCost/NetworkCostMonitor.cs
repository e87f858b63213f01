using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The silo's network cost: runs one <see cref="INetworkCostSource"/> (the configured override, else the platform's,
/// else unknown) from construction on, and cancels <see cref="ChangedToken"/> whenever the cost <em>state</em> changes (a
/// new Detail alone does not). Until the first reading <see cref="Current"/> is <see cref="NetworkCost.Unknown"/>; as a
/// hosted service it holds the host's start until that reading, for at most <see cref="FirstReadingTimeout"/>.
/// Thread-safe.
/// </summary>
public sealed partial class NetworkCostMonitor : INetworkCostMonitor, IHostedService, IDisposable
{
    /// <summary>How long the host's start waits for the first reading.</summary>
    public static readonly TimeSpan FirstReadingTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;
    private NetworkCost _current = NetworkCost.Unknown;

    // Never disposed: transfers may still hold the token of a past period, and it owns no timer.
    private CancellationTokenSource _changed = new();

    /// <summary>Creates the monitor and starts <paramref name="source"/>.</summary>
    public NetworkCostMonitor(INetworkCostSource source, TimeProvider time, ILogger<NetworkCostMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        _time = time;
        _logger = logger;

        // Not flowing the creator's ExecutionContext: the monitor outlives whichever call (maybe a grain's) created it.
        using (ExecutionContext.SuppressFlow())
        {
            _run = Task.Run(() => RunAsync(source));
        }
    }

    /// <inheritdoc />
    public NetworkCost Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <inheritdoc />
    public CancellationToken ChangedToken
    {
        get
        {
            lock (_gate)
            {
                return _changed.Token;
            }
        }
    }

    /// <summary>Completes when the source has reported once.</summary>
    public Task FirstReading => _first.Task;

    /// <summary>Waits for the first reading, at most <see cref="FirstReadingTimeout"/>; then the cost stays unknown until one comes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _first.Task.WaitAsync(FirstReadingTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogNoFirstReading(_logger, FirstReadingTimeout);
        }
    }

    /// <summary>Stops the source.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Stops the source without waiting for it.</summary>
    public void Dispose() => _stop.Cancel();

    /// <summary>Takes a reading; a new state cancels the current <see cref="ChangedToken"/>.</summary>
    internal void Report(NetworkCost cost)
    {
        CancellationTokenSource changed;
        lock (_gate)
        {
            var previous = _current;
            _current = cost;
            if (!_first.Task.IsCompleted)
            {
                LogRead(_logger, cost.State, cost.Source, cost.Detail);
            }
            else if (previous.State != cost.State)
            {
                LogChanged(_logger, cost.State, previous.State, cost.Source, cost.Detail);
            }

            if (previous.State == cost.State)
            {
                _first.TrySetResult();
                return;
            }

            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        _first.TrySetResult();

        // Outside the lock: cancelling runs the transfers' callbacks inline.
        changed.Cancel();
    }

    private async Task RunAsync(INetworkCostSource source)
    {
        try
        {
            await source.RunAsync(Report, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            // A bug in a source must not take the silo down: the cost stays unknown (Unrestricted), as BITS treats it.
            LogSourceFailed(_logger, ex, source.GetType().Name);
            Report(NetworkCost.Unknown with { Detail = $"the cost source failed: {ex.Message}" });
        }
    }
}
