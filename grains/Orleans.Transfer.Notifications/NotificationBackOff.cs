using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// The webhook retry schedule: the base delay (default 5 s) doubled per attempt, ±20 % jitter so many jobs do not
/// retry in step, capped at the maximum (default 1 h), and never earlier than the receiver's Retry-After (itself
/// capped at <see cref="MaxRetryAfter"/>). Thread-safe.
/// </summary>
public sealed class NotificationBackOff
{
    /// <summary>The longest Retry-After honoured; a receiver asking for more is retried after this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    private const double Jitter = 0.2;

    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    /// <summary>Uses <see cref="NotificationOptions.WebhookRetryBaseDelay"/>, <see cref="NotificationOptions.WebhookRetryMaxDelay"/>
    /// and <see cref="Random.Shared"/>.</summary>
    /// <param name="options">The notification options.</param>
    public NotificationBackOff(IOptions<NotificationOptions> options)
        : this(options.Value.WebhookRetryBaseDelay, options.Value.WebhookRetryMaxDelay, Random.Shared)
    {
    }

    /// <summary>Creates a schedule; pass a seeded <paramref name="random"/> for repeatable delays.</summary>
    /// <param name="baseDelay">Delay before the first retry; more than zero.</param>
    /// <param name="maxDelay">Cap on the delay; at least <paramref name="baseDelay"/>.</param>
    /// <param name="random">Source of the jitter.</param>
    public NotificationBackOff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentNullException.ThrowIfNull(random);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _random = random;
    }

    /// <summary>How long to wait before retry number <paramref name="attempt"/>.</summary>
    /// <param name="attempt">1 for the first retry (after the first failed delivery), 2 for the next, and so on.</param>
    /// <param name="retryAfter">The receiver's Retry-After from the failed delivery, if any.</param>
    public TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        double factor;
        lock (_randomLock)
        {
            factor = 1 - Jitter + (2 * Jitter * _random.NextDouble());
        }

        // Math.Pow overflows to infinity for large attempts, which Math.Min turns into the cap.
        var doubled = Math.Min(_baseDelay.Ticks * Math.Pow(2, attempt - 1), _maxDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)Math.Min(doubled * factor, _maxDelay.Ticks));
        var asked = retryAfter is { } value && value < MaxRetryAfter ? value : MaxRetryAfter;
        return retryAfter is null || asked < delay ? delay : asked;
    }
}
