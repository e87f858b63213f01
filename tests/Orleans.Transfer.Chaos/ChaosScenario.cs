using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>Runs the chaos run on one profile in a fresh temp directory and fails with every problem found.</summary>
public static class ChaosScenario
{
    public static async Task RunAsync(string profile, ITestOutputHelper output, ChaosLogSink sink)
    {
        var root = Directory.CreateTempSubdirectory($"xfer-chaos-{profile.ToLowerInvariant()}-").FullName;
        var result = await new ChaosRun(ChaosSettings.FromEnvironment(), profile, new ChaosLog(output, sink.Sink)).RunAsync(root);

        // A failed run keeps its directory: the silo log and the files are the evidence.
        Assert.True(result.Problems.Count == 0, $"seed {result.Summary.Seed} (kept {root}):\n{string.Join('\n', result.Problems)}");
        Assert.Equal(0, result.Summary.Mismatches);
        Directory.Delete(root, recursive: true);
    }
}
