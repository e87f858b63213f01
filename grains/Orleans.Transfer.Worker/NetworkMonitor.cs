using System.Net.NetworkInformation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Watches the network through an <see cref="INetworkProbe"/>, checked on the operating system's change notifications
/// and every <see cref="NetworkMonitorOptions.PollInterval"/>. Thread-safe; timers run on the injected TimeProvider.
/// </summary>
public sealed partial class NetworkMonitor : INetworkMonitor, IDisposable
{
    private readonly Lock _gate = new();
    private readonly INetworkProbe _probe;
    private readonly NetworkMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;

    // Never disposed: workers may still hold the token of a past connected period, and it owns no timer.
    private CancellationTokenSource _lost = new();
    private TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _available = true;
    private long? _unusableSince;
    private bool _disposed;

    /// <summary>Creates the monitor and takes the first reading; a machine that starts offline is offline at once.</summary>
    public NetworkMonitor(
        INetworkProbe probe, IOptions<NetworkMonitorOptions> options, TimeProvider time, ILogger<NetworkMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(options);
        _probe = probe;
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (!_options.Enabled)
        {
            return;
        }

        var first = probe.Probe();
        if (!first.IsAvailable)
        {
            _available = false;
            _lost.Cancel();
            LogStartedOffline(_logger, first.Description);
        }

        // Not flowing the creator's ExecutionContext: the monitor outlives whichever call (maybe a grain's) created it.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = time.CreateTimer(static state => ((NetworkMonitor)state!).Check(), this, _options.PollInterval, _options.PollInterval);
        }

        try
        {
            NetworkChange.NetworkAddressChanged += OnNetworkChanged;
            NetworkChange.NetworkAvailabilityChanged += OnNetworkChanged;
        }
        catch (PlatformNotSupportedException)
        {
            // Polling alone still notices every change, only later.
        }
    }

    /// <inheritdoc />
    public bool IsAvailable => _available;

    /// <inheritdoc />
    public CancellationToken LostToken
    {
        get
        {
            lock (_gate)
            {
                return _lost.Token;
            }
        }
    }

    /// <inheritdoc />
    public Task NextReturn
    {
        get
        {
            lock (_gate)
            {
                return _returned.Task;
            }
        }
    }

    /// <summary>Reads the network now and applies what it finds; the timer and the OS notifications call this.</summary>
    public void Check()
    {
        var reading = _probe.Probe();
        CancellationTokenSource? lost = null;
        lock (_gate)
        {
            if (_disposed || !_options.Enabled)
            {
                return;
            }

            if (reading.IsAvailable)
            {
                _unusableSince = null;
                if (!_available)
                {
                    _available = true;
                    _lost = new CancellationTokenSource();
                    var returned = _returned;
                    _returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    returned.TrySetResult();
                    LogReturned(_logger, reading.Description);
                }

                return;
            }

            if (!_available)
            {
                return;
            }

            _unusableSince ??= _time.GetTimestamp();
            var unusableFor = _time.GetElapsedTime(_unusableSince.Value);
            if (unusableFor < _options.LossGracePeriod)
            {
                // Look again exactly when the grace period ends, then go on polling.
                _timer?.Change(_options.LossGracePeriod - unusableFor, _options.PollInterval);
                return;
            }

            _available = false;
            lost = _lost;
            LogLost(_logger, unusableFor, reading.Description);
        }

        // Outside the lock: cancelling runs the transfers' callbacks inline.
        lost.Cancel();
    }

    /// <inheritdoc />
    public async Task<bool> ConfirmAvailableAsync(CancellationToken cancellationToken)
    {
        Check();
        TimeSpan rest;
        lock (_gate)
        {
            if (!_available || _unusableSince is not { } since)
            {
                return _available;
            }

            rest = _options.LossGracePeriod - _time.GetElapsedTime(since);
        }

        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, _time, cancellationToken).ConfigureAwait(false);
        }

        Check();
        return _available;
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        NetworkChange.NetworkAddressChanged -= OnNetworkChanged;
        NetworkChange.NetworkAvailabilityChanged -= OnNetworkChanged;
        _timer?.Dispose();
    }

    private void OnNetworkChanged(object? sender, EventArgs e) => Check();
}
