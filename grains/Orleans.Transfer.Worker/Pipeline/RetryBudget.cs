namespace Orleans.Transfer.Worker;

/// <summary>
/// Counts quick retries inside one run as failures in a row without progress, so a link that drops every few MiB but
/// keeps moving never exhausts the budget, while a dead one still gives up after <c>retryCount</c> retries.
/// </summary>
internal sealed class RetryBudget(int retryCount, TimeSpan baseDelay)
{
    // Less than this between two failures is not progress: a server that drops after a few bytes every time must
    // still exhaust the quick retries.
    public const long MinProgressBytes = 64 * 1024;

    private long _positionAtFailure;

    /// <summary>Failures in a row without progress, the current one included.</summary>
    public int FailuresWithoutProgress { get; private set; }

    /// <summary>Starts counting progress from <paramref name="position"/> (a run's start, or a restart from zero).</summary>
    public void Reset(long position) => _positionAtFailure = position;

    /// <summary>Records a failure at <paramref name="position"/>; true while the budget allows another retry.</summary>
    public bool TryCountFailure(long position)
    {
        FailuresWithoutProgress = position - _positionAtFailure >= MinProgressBytes ? 1 : FailuresWithoutProgress + 1;
        _positionAtFailure = position;
        return FailuresWithoutProgress <= retryCount;
    }

    /// <summary>
    /// Exponential from the base delay per failure without progress, times <paramref name="jitter"/> (0.5 to 1.5).
    /// </summary>
    public TimeSpan Backoff(double jitter)
    {
        var exponent = Math.Min(FailuresWithoutProgress - 1, 10);
        return baseDelay * (Math.Pow(2, exponent) * jitter);
    }
}
