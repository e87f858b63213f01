using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Holds the policy and the shared buckets: one for all background jobs and one per background priority. A job waits
/// on its own bucket and, unless it is Foreground, on its priority's and the background bucket; a shared bucket hands
/// unused bytes to whoever takes next, so the cap is shared by demand rather than split evenly.
/// </summary>
internal sealed partial class BandwidthController : IBandwidthController, IDisposable
{
    private const int MinQuantum = 4 * 1024;
    private const int MaxQuantum = 64 * 1024;

    // Schedules are re-read at their next change, and at least this often in case the wall clock jumps.
    private static readonly TimeSpan s_maxEvaluationInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger<BandwidthController> _logger;
    private readonly IDisposable? _subscription;
    private readonly TokenBucket _background;
    private readonly TokenBucket[] _priorities;
    private readonly ScheduledLimit[] _limits = new ScheduledLimit[4];
    private readonly List<JobThrottle> _throttles = [];

    // One bucket per job however many of its files run at once, so they share the job's cap; dropped with the last.
    private readonly Dictionary<Guid, TokenBucket> _jobBuckets = [];
    private BandwidthPolicy _policy;
    private double _backgroundShare = 1;
    private long _evaluatedAt;
    private TimeSpan _validFor;

    public BandwidthController(IOptionsMonitor<BandwidthOptions> options, TimeProvider time, ILogger<BandwidthController> logger)
    {
        _time = time;
        _logger = logger;
        _background = new TokenBucket(time, null);
        _priorities = [new TokenBucket(time, null), new TokenBucket(time, null), new TokenBucket(time, null)];
        try
        {
            _policy = BandwidthPolicy.FromOptions(options.CurrentValue);
        }
        catch (FormatException ex)
        {
            throw new OptionsValidationException(BandwidthOptions.SectionName, typeof(BandwidthOptions), [ex.Message]);
        }

        Evaluate();

        // Validated here rather than by IValidateOptions: a bad edit of appsettings.json must not throw inside the
        // configuration reload; it is logged and the previous policy stays.
        _subscription = options.OnChange(changed =>
        {
            try
            {
                Update(BandwidthPolicy.FromOptions(changed));
            }
            catch (FormatException ex)
            {
                LogInvalidPolicy(_logger, ex.Message);
            }
        });
    }

    public BandwidthPolicy Current
    {
        get
        {
            lock (_lock)
            {
                return _policy;
            }
        }
    }

    public void Update(BandwidthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lock (_lock)
        {
            _policy = policy;
            Evaluate();
        }

        var options = policy.ToOptions();
        LogPolicyChanged(_logger, options.Timetable ?? options.BackgroundLimit ?? "off", options.PriorityLimits.High ?? "off",
            options.PriorityLimits.Normal ?? "off", options.PriorityLimits.Low ?? "off");
    }

    public int BackgroundDemand
    {
        get
        {
            lock (_lock)
            {
                return _throttles.Where(t => t.Priority != JobPriority.Foreground).Select(t => t.JobId).Distinct().Count();
            }
        }
    }

    public void SetBackgroundShare(double share)
    {
        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "A share of the background cap is in (0, 1].");
        }

        lock (_lock)
        {
            if (share != _backgroundShare)
            {
                _backgroundShare = share;
                Evaluate();
            }
        }
    }

    public void Dispose() => _subscription?.Dispose();

    public JobThrottle Register(Guid jobId, JobPriority priority, long? maxBytesPerSecond)
    {
        lock (_lock)
        {
            if (!_jobBuckets.TryGetValue(jobId, out var bucket))
            {
                bucket = new TokenBucket(_time, maxBytesPerSecond);
                _jobBuckets.Add(jobId, bucket);
            }
            else if (bucket.Rate != maxBytesPerSecond)
            {
                // The newest request carries the job's current cap, as UpdateJob would.
                bucket.SetRate(maxBytesPerSecond);
            }

            var throttle = new JobThrottle(this, _time, jobId, priority, bucket);
            _throttles.Add(throttle);
            return throttle;
        }
    }

    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond)
    {
        lock (_lock)
        {
            foreach (var throttle in _throttles.Where(t => t.JobId == jobId))
            {
                throttle.Priority = priority;
            }

            if (_jobBuckets.TryGetValue(jobId, out var bucket))
            {
                bucket.SetRate(maxBytesPerSecond);
            }
        }
    }

    public void Remove(JobThrottle throttle)
    {
        lock (_lock)
        {
            if (_throttles.Remove(throttle) && !_throttles.Exists(t => t.JobId == throttle.JobId))
            {
                _jobBuckets.Remove(throttle.JobId);
            }
        }
    }

    /// <summary>
    /// Charges <paramref name="bytes"/> to every bucket that applies and returns how long to wait, or throws when a
    /// limit of 0 applies.
    /// </summary>
    public TimeSpan Charge(JobThrottle throttle, int bytes)
    {
        lock (_lock)
        {
            EnsureCurrent();
            ThrowIfBlocked(throttle);
            throttle.Tickets.Clear();
            foreach (var bucket in BucketsFor(throttle))
            {
                throttle.Tickets.Add((bucket, bucket.Take(bytes)));
            }

            return WaitLocked(throttle);
        }
    }

    /// <summary>How long until the last charge is repaid at the current rates, or throws when a limit of 0 applies.</summary>
    public TimeSpan Wait(JobThrottle throttle)
    {
        lock (_lock)
        {
            EnsureCurrent();
            ThrowIfBlocked(throttle);
            return WaitLocked(throttle);
        }
    }

    public int QuantumFor(JobThrottle throttle)
    {
        lock (_lock)
        {
            // Sized by the fastest cap that applies, so jobs sharing a bucket take equal grants and share it evenly
            // in bytes; a slower cap of the job's own then just makes it wait longer between grants.
            var fastest = BucketsFor(throttle).Select(b => b.Rate).Where(r => r > 0).Max();
            return fastest is { } rate ? (int)Math.Clamp(rate / 16, MinQuantum, MaxQuantum) : int.MaxValue;
        }
    }

    private static TimeSpan WaitLocked(JobThrottle throttle)
    {
        var wait = TimeSpan.Zero;
        foreach (var (bucket, ticket) in throttle.Tickets)
        {
            var remaining = bucket.Wait(ticket);
            wait = remaining > wait ? remaining : wait;
        }

        return wait;
    }

    private void EnsureCurrent()
    {
        if (_time.GetElapsedTime(_evaluatedAt) >= _validFor)
        {
            Evaluate();
        }
    }

    private IEnumerable<TokenBucket> BucketsFor(JobThrottle throttle)
    {
        yield return throttle.Bucket;
        if (throttle.Priority != JobPriority.Foreground)
        {
            yield return _priorities[(int)throttle.Priority - 1];
            yield return _background;
        }
    }

    private void ThrowIfBlocked(JobThrottle throttle)
    {
        var background = throttle.Priority != JobPriority.Foreground;
        if (throttle.Bucket.Rate != 0 && !(background && (_limits[0].BytesPerSecond == 0 || _limits[(int)throttle.Priority].BytesPerSecond == 0)))
        {
            return;
        }

        var blockers = new List<(string Name, ScheduledLimit Limit)>();
        if (throttle.Bucket.Rate == 0)
        {
            blockers.Add(("the job's own limit", new ScheduledLimit(0, null)));
        }

        if (throttle.Priority != JobPriority.Foreground)
        {
            var priority = _limits[(int)throttle.Priority];
            if (priority.BytesPerSecond == 0)
            {
                blockers.Add(($"the {throttle.Priority} priority limit", priority));
            }

            if (_limits[0].BytesPerSecond == 0)
            {
                blockers.Add(("the background limit", _limits[0]));
            }
        }

        // Unblocked only when every zero limit has changed; a limit that never changes leaves the retry to the job.
        TimeSpan? retryAfter = blockers.All(b => b.Limit.ChangesIn is not null) ? blockers.Max(b => b.Limit.ChangesIn) : null;
        var when = retryAfter is { } delay ? $"in {delay.TotalMinutes:0.#} min, when the schedule changes" : "when the policy changes";
        throw new TransferFailedException(new TransferFailure(
            TransferErrorCode.BlockedByPolicy,
            ErrorContext.QueueManager,
            $"A bandwidth limit of 0 ({string.Join(", ", blockers.Select(b => b.Name))}) blocks this {throttle.Priority} job now; "
            + $"it resumes {when}. Raise the job's priority to Foreground or change the policy to run it now.",
            HttpStatus: null,
            IsTransient: true,
            retryAfter));
    }

    /// <summary>Reads the schedules at the current local time into the shared buckets. Called under the lock.</summary>
    private void Evaluate()
    {
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _time.LocalTimeZone).DateTime;
        Timetable?[] tables = [_policy.Background, _policy.High, _policy.Normal, _policy.Low];
        var validFor = s_maxEvaluationInterval;
        for (var i = 0; i < tables.Length; i++)
        {
            _limits[i] = tables[i]?.At(local) ?? new ScheduledLimit(null, null);
            if (_limits[i].ChangesIn is { } changesIn && changesIn < validFor)
            {
                validFor = changesIn;
            }

            var bucket = i == 0 ? _background : _priorities[i - 1];
            var rate = i == 0 ? Share(_limits[i].BytesPerSecond) : _limits[i].BytesPerSecond;
            if (bucket.Rate != rate)
            {
                bucket.SetRate(rate);
            }
        }

        _evaluatedAt = _time.GetTimestamp();
        _validFor = validFor;
    }

    // This silo's part of a cluster-wide cap; never 0 from a positive cap, which would block instead of slowing down.
    private long? Share(long? rate) =>
        rate is > 0 and { } bytes ? Math.Max(1, (long)Math.Round(bytes * _backgroundShare)) : rate;

    [LoggerMessage(EventId = TransferEventIds.BandwidthPolicyChanged, Level = LogLevel.Information,
        Message = "Bandwidth policy: background {Background}, high {High}, normal {Normal}, low {Low}")]
    private static partial void LogPolicyChanged(ILogger logger, string background, string high, string normal, string low);

    [LoggerMessage(EventId = TransferEventIds.BandwidthPolicyInvalid, Level = LogLevel.Error,
        Message = "Ignored an invalid bandwidth configuration; the previous policy stays: {Error}")]
    private static partial void LogInvalidPolicy(ILogger logger, string error);
}
