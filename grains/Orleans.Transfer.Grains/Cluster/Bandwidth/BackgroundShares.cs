namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>
/// Splits the cluster's background cap among the silos by demand. A sixteenth of it is split evenly among the silos that
/// reported lately, so a silo whose first background job starts moves at once, and the rest in proportion to each silo's
/// background jobs (evenly when none has any); the shares sum to 1. A silo that stops reporting for
/// <c>expiry</c> (three report intervals), or that membership declares dead, releases its share to the others.
/// </summary>
internal sealed class BackgroundShares(TimeProvider time, TimeSpan expiry)
{
    /// <summary>The part of the cap split evenly, whatever the demand.</summary>
    public const double EvenPart = 1.0 / 16;

    private readonly Dictionary<SiloAddress, (int Jobs, long ReportedAt)> _silos = [];

    /// <summary>Records a silo's demand, forgets the silos that stopped reporting, and answers the silo's share.</summary>
    public double Report(SiloAddress silo, int backgroundJobs)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfNegative(backgroundJobs);
        _silos[silo] = (backgroundJobs, time.GetTimestamp());
        return Current()[silo];
    }

    /// <summary>Releases a silo's share now (membership declared it dead).</summary>
    public void Remove(SiloAddress silo) => _silos.Remove(silo);

    /// <summary>The shares of the silos that reported within the expiry.</summary>
    public IReadOnlyDictionary<SiloAddress, double> Current()
    {
        foreach (var stale in _silos.Where(s => time.GetElapsedTime(s.Value.ReportedAt) > expiry).Select(s => s.Key).ToList())
        {
            _silos.Remove(stale);
        }

        return Split(_silos.ToDictionary(s => s.Key, s => s.Value.Jobs));
    }

    /// <summary>The shares for the given demands (background jobs per silo); they sum to 1.</summary>
    public static Dictionary<SiloAddress, double> Split(IReadOnlyDictionary<SiloAddress, int> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var total = demands.Values.Sum(d => (long)d);
        return demands.ToDictionary(
            d => d.Key,
            d => total == 0 ? 1.0 / demands.Count : (EvenPart / demands.Count) + ((1 - EvenPart) * d.Value / total));
    }
}
