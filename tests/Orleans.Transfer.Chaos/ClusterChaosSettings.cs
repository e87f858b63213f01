namespace Orleans.Transfer.Chaos;

/// <summary>
/// The knobs of one cluster chaos run, from the same variables as the single-silo run: <c>XFER_CHAOS=full</c> picks the
/// long form, <c>XFER_CHAOS_SEED</c> replays a run.
/// </summary>
/// <param name="Form">Bounded or full.</param>
/// <param name="Seed">Seed of every random choice: sizes, content, pacing, kill times, victims.</param>
/// <param name="Silos">Silo processes in the cluster.</param>
/// <param name="Jobs">Jobs created, round robin through the silos' gateways, 1 or 2 files each.</param>
/// <param name="Kills">SIGKILLs of a silo, each followed by a restart with the same home.</param>
/// <param name="FileBytes">Each file's size is drawn from this range.</param>
/// <param name="JobDuration">Each job's bytes are paced to take a random time in this range.</param>
/// <param name="Uptime">Time the cluster runs whole between a restart (or the start) and the next SIGKILL.</param>
/// <param name="RecoverDeadline">How long the killed silo's jobs may take to reach the origin again from a survivor.</param>
/// <param name="FinishDeadline">How long jobs may take to reach Transferred after the last kill.</param>
public sealed record ClusterChaosSettings(
    ChaosForm Form,
    int Seed,
    int Silos,
    int Jobs,
    int Kills,
    (long Min, long Max) FileBytes,
    (TimeSpan Min, TimeSpan Max) JobDuration,
    (TimeSpan Min, TimeSpan Max) Uptime,
    TimeSpan RecoverDeadline,
    TimeSpan FinishDeadline)
{
    private const long MiB = 1024 * 1024;

    public static ClusterChaosSettings FromEnvironment()
    {
        var single = ChaosSettings.FromEnvironment();
        return single.Form == ChaosForm.Full
            ? new ClusterChaosSettings(
                ChaosForm.Full, single.Seed, Silos: 3, Jobs: 12, Kills: 10, FileBytes: (2 * MiB, 16 * MiB),
                JobDuration: (TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(150)),
                Uptime: (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)),
                RecoverDeadline: TimeSpan.FromSeconds(30), FinishDeadline: TimeSpan.FromMinutes(5))
            : new ClusterChaosSettings(
                ChaosForm.Bounded, single.Seed, Silos: 3, Jobs: 4, Kills: 2, FileBytes: (1 * MiB, 3 * MiB),
                JobDuration: (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)),
                Uptime: (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)),
                RecoverDeadline: TimeSpan.FromSeconds(30), FinishDeadline: TimeSpan.FromMinutes(2));
    }
}
