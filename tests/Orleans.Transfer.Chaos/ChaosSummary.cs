using System.Globalization;

namespace Orleans.Transfer.Chaos;

/// <summary>The figures of one chaos run; <see cref="ToString"/> is the summary line CI logs show.</summary>
public sealed record ChaosSummary(
    string Profile,
    ChaosForm Form,
    int Seed,
    int Jobs,
    int Files,
    long Bytes,
    int Kills,
    int Faults,
    int Mismatches,
    string FaultCounts,
    int ErrorsResumed,
    int SiloExits,
    int PostgresRestarts,
    TimeSpan Duration)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"chaos: jobs={Jobs} files={Files} bytes={Bytes} kills={Kills} faults={Faults} mismatches={Mismatches} " +
        $"profile={Profile} form={Form.ToString().ToLowerInvariant()} seed={Seed} errors-resumed={ErrorsResumed} " +
        $"silo-exits={SiloExits} pg-restarts={PostgresRestarts} duration={Duration.TotalSeconds:0}s [{FaultCounts}]");
}
