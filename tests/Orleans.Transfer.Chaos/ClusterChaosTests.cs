using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The chaos run in cluster mode: three silo processes on PostgreSQL, jobs on a shared root, random SIGKILLs of silos
/// while the jobs run. Skipped without a server, except under CI=true, where it runs and fails with instructions.
/// </summary>
public sealed class ClusterChaosTests(ITestOutputHelper output, ChaosLogSink sink) : IClassFixture<ChaosLogSink>
{
    [PostgresFact]
    public async Task KilledSilosOfACluster_EveryJobFinishesByteIdentical()
    {
        var root = Directory.CreateTempSubdirectory("xfer-chaos-cluster-").FullName;
        var result = await new ClusterChaosRun(ClusterChaosSettings.FromEnvironment(), new ChaosLog(output, sink.Sink)).RunAsync(root);

        // A failed run keeps its directory: the silo logs and the files are the evidence.
        Assert.True(result.Problems.Count == 0, $"seed {result.Summary.Seed} (kept {root}):\n{string.Join('\n', result.Problems)}");
        Directory.Delete(root, recursive: true);
    }
}
