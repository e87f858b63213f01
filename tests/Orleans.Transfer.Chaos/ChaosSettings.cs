using System.Globalization;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The knobs of one chaos run. <c>XFER_CHAOS=full|bounded</c> picks the form (default bounded; <c>scripts/test.sh
/// --chaos</c> sets full) and <c>XFER_CHAOS_SEED</c> replays a run; <c>XFER_CHAOS_GZIP=1</c> adds the gzip fault.
/// </summary>
/// <param name="Form">Bounded or full.</param>
/// <param name="Seed">Seed of every random choice: sizes, content, pacing, kill times, faults.</param>
/// <param name="Jobs">Jobs created, 1 to 5 files each.</param>
/// <param name="Kills">SIGKILLs of the silo, each followed by a restart.</param>
/// <param name="MaxFileBytes">The largest file; sizes run from 0 B to this.</param>
/// <param name="JobDuration">Each job's bytes are paced to take a random time in this range of silo up-time.</param>
/// <param name="Uptime">The silo runs a random time in this range between start and the next SIGKILL.</param>
/// <param name="FaultRate">Probability that the origin injects a fault into a request.</param>
/// <param name="Faults">The faults the origin chooses from.</param>
/// <param name="RestartPostgres">Restart the throwaway PostgreSQL once, half way through the kills.</param>
/// <param name="FinishDeadline">How long jobs may take to reach Transferred after the last kill.</param>
public sealed record ChaosSettings(
    ChaosForm Form,
    int Seed,
    int Jobs,
    int Kills,
    long MaxFileBytes,
    (TimeSpan Min, TimeSpan Max) JobDuration,
    (TimeSpan Min, TimeSpan Max) Uptime,
    double FaultRate,
    IReadOnlyList<ChaosFault> Faults,
    bool RestartPostgres,
    TimeSpan FinishDeadline)
{
    public const string FormVariable = "XFER_CHAOS";
    public const string SeedVariable = "XFER_CHAOS_SEED";
    public const string GzipVariable = "XFER_CHAOS_GZIP";

    public static ChaosSettings FromEnvironment()
    {
        var full = string.Equals(Environment.GetEnvironmentVariable(FormVariable), "full", StringComparison.OrdinalIgnoreCase);
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        // A redirect loop is fatal by design (the job goes to Error); the driver resumes such jobs and counts them.
        IReadOnlyList<ChaosFault> faults = [.. FaultPlan.Recoverable, ChaosFault.RedirectLoop];
        if (Environment.GetEnvironmentVariable(GzipVariable) == "1")
        {
            faults = [.. faults, ChaosFault.Gzip];
        }

        return full
            ? new ChaosSettings(
                ChaosForm.Full, seed, Jobs: 100, Kills: 50, MaxFileBytes: 64L * 1024 * 1024,
                JobDuration: (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(240)),
                Uptime: (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12)),
                FaultRate: 0.1, faults, RestartPostgres: true, FinishDeadline: TimeSpan.FromMinutes(15))
            : new ChaosSettings(
                ChaosForm.Bounded, seed, Jobs: 100, Kills: 20, MaxFileBytes: 2L * 1024 * 1024,
                JobDuration: (TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)),
                Uptime: (TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4)),
                FaultRate: 0.1, faults, RestartPostgres: false, FinishDeadline: TimeSpan.FromMinutes(4));
    }
}
