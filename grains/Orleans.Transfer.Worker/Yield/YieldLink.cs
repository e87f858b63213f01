using System.Net;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The background connections leaving by one interface and their controller: each <see cref="Tick"/> reads the
/// signals (TCP_INFO, ICMP probes, the interface's byte counter), asks the law for a decision and applies it (a
/// window per connection, one rate cap for all of them). Three background jobs on one interface yield as one.
/// </summary>
internal sealed partial class YieldLink
{
    // Fallback when no TCP_INFO gives the MSS (Ethernet's, with timestamps).
    private const int DefaultMss = 1448;

    // Reads are granted in fiftieths of a second of the rate: small enough to keep the pace even within a tick.
    private const int QuantaPerSecond = 50;

    private static readonly TimeSpan s_activeWithin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_decisionLogInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_waitSlice = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly List<YieldConnection> _connections = [];
    private readonly Dictionary<IPAddress, ServerDelayProbe> _probes = [];

    // Servers already named in the log, kept while the link lives so that each is named once.
    private readonly HashSet<IPAddress> _loggedWithoutTimestamps = [];
    private readonly HashSet<IPAddress> _loggedWithoutSignal = [];
    private readonly Func<long?> _interfaceBytes;
    private readonly Func<YieldSample, YieldDecision> _law;
    private readonly IDelayProbe _probe;
    private readonly YieldOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenBucket _bucket;
    private long? _lastInterfaceBytes;
    private bool _baselined;
    private long _lastDecisionLog;
    private volatile YieldDecision? _decision;

    public YieldLink(
        string name,
        Func<long?> interfaceBytes,
        Func<YieldSample, YieldDecision> law,
        IDelayProbe probe,
        YieldOptions options,
        TimeProvider time,
        ILogger logger)
    {
        Name = name;
        _interfaceBytes = interfaceBytes;
        _law = law;
        _probe = probe;
        _options = options;
        _time = time;
        _logger = logger;
        _bucket = new TokenBucket(time, bytesPerSecond: null);
    }

    /// <summary>The interface's name (<c>eth0</c>).</summary>
    public string Name { get; }

    /// <summary>The last decision applied, or null before the first (or after the last connection left).</summary>
    public YieldDecision? Decision => _decision;

    /// <summary>The delay signal of the last tick.</summary>
    public DelaySignal Signal { get; private set; } = DelaySignal.None;

    /// <summary>The rate cap the connections share now, or null when none applies.</summary>
    public long? Rate
    {
        get
        {
            lock (_lock)
            {
                return _bucket.Rate;
            }
        }
    }

    /// <summary>The most a read should ask for before <see cref="PaceAsync"/>: all of it when no rate applies.</summary>
    public int Quantum
    {
        get
        {
            lock (_lock)
            {
                return _bucket.Rate is { } rate
                    ? (int)Math.Clamp(rate / QuantaPerSecond, DefaultMss, int.MaxValue)
                    : int.MaxValue;
            }
        }
    }

    public YieldConnection[] Connections
    {
        get
        {
            lock (_lock)
            {
                return [.. _connections];
            }
        }
    }

    public bool HasConnections
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count > 0;
            }
        }
    }

    public YieldConnection Register(IYieldSocket socket)
    {
        var connection = new YieldConnection(this, socket, _time);
        lock (_lock)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public void Unregister(YieldConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }

    /// <summary>Charges <paramref name="bytes"/> just read and waits until the shared rate cap has earned them.</summary>
    public async ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        double ticket;
        lock (_lock)
        {
            ticket = _bucket.Take(bytes);
            wait = _bucket.Wait(ticket);
        }

        // Sliced, so that a raised cap (the foreground left) frees waiting reads within a quarter second.
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < s_waitSlice ? wait : s_waitSlice, _time, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                wait = _bucket.Wait(ticket);
            }
        }
    }

    /// <summary>One controller tick; called by one thread at a time. Throws what the law throws.</summary>
    public void Tick(CancellationToken cancellationToken)
    {
        var connections = Connections;
        if (connections.Length == 0)
        {
            Reset();
            return;
        }

        var sample = Sample(connections, cancellationToken);
        var interfaceBytes = _interfaceBytes();
        var previous = _lastInterfaceBytes;
        _lastInterfaceBytes = interfaceBytes;
        if (!_baselined)
        {
            // The first tick only sets the baselines the next one's deltas start from.
            _baselined = true;
            return;
        }

        // Without a readable interface counter, the controller sees only its own traffic (no foreground).
        var interfaceDelta = interfaceBytes is { } now && previous is { } before ? Math.Max(0, now - before) : sample.ControlledFrameBytes ?? sample.ControlledBytes;
        var decision = _law(sample with { InterfaceBytes = interfaceDelta });
        Apply(decision, connections, sample);
    }

    private YieldSample Sample(YieldConnection[] connections, CancellationToken cancellationToken)
    {
        TimeSpan? delay = null;
        var timestamps = false;
        var probed = new List<ServerDelayProbe>();
        long controlled = 0;
        long outOfOrder = 0;
        long frames = 0;
        var active = 0;
        var mss = 0;
        foreach (var connection in connections)
        {
            var read = connection.TakeBytes();
            active += connection.ReadWithin(s_activeWithin) ? 1 : 0;
            var (info, lost, received, frameBytes) = connection.ReadTcpInfo();

            // The kernel's count, where there is one: bytes waiting in a paced socket's buffer have crossed the
            // interface already, and counting only what was read would show them as someone else's traffic.
            controlled += received ?? read;
            frames += frameBytes ?? (long)(read * ForegroundDetector.HeaderFactor);
            outOfOrder += lost;
            mss = Math.Max(mss, info?.ReceiveMss ?? 0);
            if (info is { Timestamps: true } withTimestamps)
            {
                timestamps = true;
                connection.Signal = DelaySignal.TcpTimestamps;
                delay = Min(delay, withTimestamps.ReceiveRtt);
                continue;
            }

            // Without TCP_INFO at all (Windows) ICMP is the only signal there is, not a fallback worth a log line.
            var probe = ProbeFor(connection.Socket.RemoteAddress, logFallback: info is not null);
            probe.StartIfDue(_options.ProbeInterval, cancellationToken);
            connection.Signal = probe.Failing ? DelaySignal.None : DelaySignal.Icmp;
            if (!probed.Contains(probe))
            {
                probed.Add(probe);
            }
        }

        var icmp = false;
        foreach (var probe in probed)
        {
            var rtt = probe.TakeMinimum();
            icmp |= rtt is not null || !probe.Failing;
            delay = Min(delay, rtt);
            if (probe is { Failing: true, Answered: false } && _loggedWithoutSignal.Add(probe.Address))
            {
                LogNoDelaySignal(_logger, probe.Address, Name);
            }
        }

        Signal = timestamps ? DelaySignal.TcpTimestamps : icmp ? DelaySignal.Icmp : DelaySignal.None;
        return new YieldSample(
            _time.GetUtcNow(), delay, Signal, InterfaceBytes: 0, controlled, active, mss == 0 ? DefaultMss : mss, outOfOrder, frames);
    }

    private void Apply(YieldDecision decision, YieldConnection[] connections, YieldSample sample)
    {
        var share = decision.WindowBytes / Math.Max(1, sample.Connections);
        var paceWindow = false;
        foreach (var connection in connections)
        {
            var mss = connection.Mss > 0 ? connection.Mss : sample.Mss;
            connection.ApplyWindow(Math.Max(2L * mss, share));
            paceWindow |= !connection.Socket.SetsWindow;
        }

        // The token bucket reads 0 as unlimited; a cap of 0 from the law means as slow as can be, one MSS a second.
        var rate = decision.RateBytesPerSecond is { } requested ? Math.Max(requested, DefaultMss) : (long?)null;

        // Where the window cannot be set (Windows), reads are paced to what that window would let through.
        if (paceWindow && sample.Delay is { } delay && delay > TimeSpan.Zero)
        {
            var windowRate = Math.Max((long)(decision.WindowBytes / delay.TotalSeconds), DefaultMss);
            rate = rate is { } cap ? Math.Min(cap, windowRate) : windowRate;
        }

        lock (_lock)
        {
            if (_bucket.Rate != rate)
            {
                _bucket.SetRate(rate);
            }
        }

        var previous = _decision;
        _decision = decision;
        LogDecision(decision, previous, rate);
    }

    private void LogDecision(YieldDecision decision, YieldDecision? previous, long? rate)
    {
        if (decision.Yielding != (previous?.Yielding ?? false))
        {
            if (decision.Yielding)
            {
                LogStarted(_logger, Name, decision.ForegroundPresent, decision.QueueDelay?.TotalMilliseconds);
            }
            else
            {
                LogStopped(_logger, Name);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug)
            && (_lastDecisionLog == 0 || _time.GetElapsedTime(_lastDecisionLog) >= s_decisionLogInterval))
        {
            _lastDecisionLog = _time.GetTimestamp();
            LogDecided(_logger, Name, decision.WindowBytes, rate, decision.Yielding, decision.QueueDelay?.TotalMilliseconds,
                decision.ForegroundBytesPerSecond, decision.CapacityBytesPerSecond, Signal);
        }
    }

    private ServerDelayProbe ProbeFor(IPAddress address, bool logFallback)
    {
        if (!_probes.TryGetValue(address, out var probe))
        {
            probe = new ServerDelayProbe(address, _probe, _time);
            _probes[address] = probe;
        }

        if (logFallback && _loggedWithoutTimestamps.Add(address))
        {
            LogNoTimestamps(_logger, address, Name);
        }

        return probe;
    }

    private void Reset()
    {
        _lastInterfaceBytes = null;
        _baselined = false;
        _probes.Clear();
        var previous = _decision;
        _decision = null;
        lock (_lock)
        {
            _bucket.SetRate(null);
        }

        if (previous?.Yielding == true)
        {
            LogStopped(_logger, Name);
        }
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
