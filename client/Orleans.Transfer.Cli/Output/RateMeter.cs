namespace Orleans.Transfer.Cli.Output;

/// <summary>
/// Measures a transfer rate from observed byte counts: the bytes moved across a sliding window of about
/// <see cref="Window"/>, divided by the time they took, so one early or late update does not make the figure jump.
/// </summary>
internal sealed class RateMeter(TimeProvider time)
{
    /// <summary>How far back the rate looks (curl and rclone smooth over a few seconds too).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly List<(long Timestamp, long Bytes)> _samples = [];

    /// <summary>Bytes per second over the window, or null until two observations some time apart exist.</summary>
    public double? BytesPerSecond
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            var elapsed = time.GetElapsedTime(_samples[0].Timestamp, _samples[^1].Timestamp);
            return elapsed > TimeSpan.Zero ? (_samples[^1].Bytes - _samples[0].Bytes) / elapsed.TotalSeconds : null;
        }
    }

    /// <summary>Records the byte count seen now.</summary>
    public void Observe(long bytes)
    {
        // Fewer bytes than before means the transfer restarted from zero: older samples say nothing about it.
        if (_samples.Count > 0 && bytes < _samples[^1].Bytes)
        {
            _samples.Clear();
        }

        var now = time.GetTimestamp();
        _samples.Add((now, bytes));

        // Keep one sample at or beyond the window as the anchor, so the rate always spans a full window once it can.
        var drop = 0;
        while (drop + 1 < _samples.Count - 1 && time.GetElapsedTime(_samples[drop + 1].Timestamp, now) >= Window)
        {
            drop++;
        }

        _samples.RemoveRange(0, drop);
    }

    /// <summary>Forgets every observation, e.g. while the transfer is paused, so a pause is not averaged in.</summary>
    public void Reset() => _samples.Clear();
}
