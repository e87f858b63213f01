using System.Net;

namespace Orleans.Transfer.Worker;

/// <summary>
/// ICMP echo probes to one server every probe interval, one at a time, keeping the smallest round trip since the
/// controller last took it. Used for servers that send no TCP timestamps. Once the server has answered, an echo lost
/// now and then is a queue: a full FIFO drops it, or it waits longer than the interval; it counts as a round trip of
/// the interval. Only several lost in a row mean the signal is gone.
/// </summary>
internal sealed class ServerDelayProbe(IPAddress address, IDelayProbe probe, TimeProvider time)
{
    /// <summary>Probes lost in a row (half a second at the default interval) before the server counts as silent.</summary>
    public const int LostBeforeFailing = 5;

    private readonly Lock _lock = new();
    private bool _inFlight;
    private long _lastStart;
    private int _lostInARow;
    private TimeSpan? _minimum;

    public IPAddress Address { get; } = address;

    /// <summary>True after <see cref="LostBeforeFailing"/> probes in a row went unanswered, until one is answered.</summary>
    public bool Failing => _lostInARow >= LostBeforeFailing;

    /// <summary>True once any probe was answered: the server answers echo, and a lost probe is a queue.</summary>
    public bool Answered { get; private set; }

    /// <summary>Starts a probe unless one is in flight or the last started less than <paramref name="interval"/> ago.</summary>
    public void StartIfDue(TimeSpan interval, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_inFlight || (_lastStart != 0 && time.GetElapsedTime(_lastStart) < interval))
            {
                return;
            }

            _inFlight = true;
            _lastStart = time.GetTimestamp();
        }

        // A probe that is not answered within the interval counts as lost; the next one starts after it.
        _ = RunAsync(interval, cancellationToken);
    }

    /// <summary>The smallest round trip answered since the previous call, or null.</summary>
    public TimeSpan? TakeMinimum()
    {
        lock (_lock)
        {
            var minimum = _minimum;
            _minimum = null;
            return minimum;
        }
    }

    private async Task RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TimeSpan? rtt;
        try
        {
            rtt = await probe.ProbeAsync(Address, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or NotSupportedException)
        {
            rtt = null;
        }

        lock (_lock)
        {
            _inFlight = false;
            _lostInARow = rtt is null ? _lostInARow + 1 : 0;
            Answered |= rtt is not null;
            var sample = rtt ?? (Answered && !Failing ? timeout : null);
            if (sample is { } round && (_minimum is null || round < _minimum))
            {
                _minimum = round;
            }
        }
    }
}
