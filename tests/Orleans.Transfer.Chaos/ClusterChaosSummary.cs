using System.Globalization;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The figures of one cluster chaos run; <see cref="ToString"/> is the summary line CI logs show. Recoveries: per kill,
/// the time from SIGKILL until every unfinished job of the killed silo reached the origin again from a survivor. Moved:
/// jobs that ran on a killed silo and were carried on by another.
/// </summary>
public sealed record ClusterChaosSummary(
    ChaosForm Form,
    int Seed,
    int Jobs,
    int Files,
    long Bytes,
    int Kills,
    IReadOnlyList<TimeSpan> Recoveries,
    int Moved,
    int Mismatches,
    int TransientResumed,
    TimeSpan Duration)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"chaos-cluster: jobs={Jobs} files={Files} bytes={Bytes} kills={Kills} moved={Moved} mismatches={Mismatches} " +
        $"form={Form.ToString().ToLowerInvariant()} seed={Seed} transient-resumed={TransientResumed} " +
        $"recover=[{string.Join(' ', Recoveries.Select(r => r.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"))}] " +
        $"recover-max={(Recoveries.Count == 0 ? 0 : Recoveries.Max().TotalSeconds):0.0}s duration={Duration.TotalSeconds:0}s");
}
