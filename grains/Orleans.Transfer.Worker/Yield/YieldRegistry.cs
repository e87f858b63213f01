using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The silo's yield links, one per interface with background connections, each with its own law (controller);
/// answers how a job yields now and feeds the yield gauges. Thread-safe.
/// </summary>
internal sealed class YieldRegistry
{
    /// <summary>How recently a job must have read from a controlled connection for its status to show it.</summary>
    public static readonly TimeSpan StatusWithin = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, YieldLink> _links = new(StringComparer.Ordinal);
    private readonly YieldOptions _options;
    private readonly TimeProvider _time;
    private readonly IDelayProbe _probe;
    private readonly ILogger<YieldRegistry> _logger;
    private readonly Func<YieldOptions, Func<YieldSample, YieldDecision>> _createLaw;
    private TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // createLaw gives each new link its law: a YieldController in the service, a fake in tests.
    public YieldRegistry(
        IOptions<YieldOptions> options,
        TimeProvider time,
        IDelayProbe probe,
        TransferInstruments instruments,
        ILogger<YieldRegistry> logger,
        Func<YieldOptions, Func<YieldSample, YieldDecision>> createLaw)
    {
        _options = options.Value;
        _time = time;
        _probe = probe;
        _logger = logger;
        _createLaw = createLaw;
        instruments.ObserveYield(Readings);
    }

    public YieldOptions Options => _options;

    public YieldLink[] Links
    {
        get
        {
            lock (_lock)
            {
                return [.. _links.Values];
            }
        }
    }

    /// <summary>Puts <paramref name="socket"/> under the control of the link of <paramref name="interfaceName"/>.</summary>
    /// <param name="interfaceName">The interface the connection leaves by.</param>
    /// <param name="interfaceBytes">Reads the bytes that interface received so far (null when unreadable); used when the link is new.</param>
    /// <param name="socket">The connected socket.</param>
    public YieldConnection Register(string interfaceName, Func<long?> interfaceBytes, IYieldSocket socket)
    {
        YieldLink? link;
        lock (_lock)
        {
            if (!_links.TryGetValue(interfaceName, out link))
            {
                link = new YieldLink(interfaceName, interfaceBytes, _createLaw(_options), _probe, _options, _time, _logger);
                _links[interfaceName] = link;
            }
        }

        var connection = link.Register(socket);
        TaskCompletionSource registered;
        lock (_lock)
        {
            registered = _registered;
        }

        registered.TrySetResult();
        return connection;
    }

    /// <summary>True while any link has a controlled connection.</summary>
    public bool HasConnections
    {
        get
        {
            lock (_lock)
            {
                return AnyConnectionLocked();
            }
        }
    }

    /// <summary>
    /// Completes once any link has a controlled connection: at once if one has, else at the next registration.
    /// Lets the controllers' tick sleep while nothing yields.
    /// </summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken)
    {
        Task registered;
        lock (_lock)
        {
            if (AnyConnectionLocked())
            {
                return Task.CompletedTask;
            }

            if (_registered.Task.IsCompleted)
            {
                _registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            registered = _registered.Task;
        }

        return registered.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// How <paramref name="jobId"/> yields now: the connection it read from most recently within
    /// <see cref="StatusWithin"/>, or null when it reads from no controlled connection.
    /// </summary>
    public JobYieldInfo? StatusFor(Guid jobId)
    {
        foreach (var link in Links)
        {
            var connections = link.Connections;
            var mine = connections.FirstOrDefault(c => c.RecentJob(StatusWithin) == jobId);
            if (mine is null)
            {
                continue;
            }

            var decision = link.Decision;
            var sharing = Math.Max(1, connections.Count(c => c.ReadWithin(StatusWithin)));
            var rate = link.Rate is { } aggregate ? aggregate / sharing : (long?)null;
            return new JobYieldInfo(decision?.Yielding ?? false, mine.WindowBytes, rate, link.Name, SignalName(mine.Signal));
        }

        return null;
    }

    private bool AnyConnectionLocked() => _links.Values.Any(l => l.HasConnections);

    private static string SignalName(DelaySignal signal) => signal switch
    {
        DelaySignal.TcpTimestamps => "tcp-timestamps",
        DelaySignal.Icmp => "icmp",
        _ => "none",
    };

    private List<YieldLinkReading> Readings() =>
        [.. Links
            .Where(l => l.Decision is not null)
            .Select(l => new YieldLinkReading(l.Name, l.Decision!.WindowBytes, l.Rate ?? 0, l.Decision.Yielding, l.Decision.QueueDelay))];
}
