using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>Runs the chaos run on one profile in a fresh temp directory and fails with every problem found.</summary>
public static class ChaosScenario
{
    public static async Task RunAsync(string profile, ITestOutputHelper output, ChaosLogSink sink)
    {
        var root = Directory.CreateTempSubdirectory($"xfer-chaos-{profile.ToLowerInvariant()}-").FullName;
        try
        {
            var result = await new ChaosRun(ChaosSettings.FromEnvironment(), profile, new ChaosLog(output, sink.Sink)).RunAsync(root);

            Assert.True(result.Problems.Count == 0, $"seed {result.Summary.Seed}:\n{string.Join('\n', result.Problems)}");
            Assert.Equal(0, result.Summary.Mismatches);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
