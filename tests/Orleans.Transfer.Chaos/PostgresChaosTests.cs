using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The chaos run on PostgreSQL; the full form also restarts the server once mid-run. Skipped without a server,
/// except under CI=true, where it runs and fails with instructions.
/// </summary>
public sealed class PostgresChaosTests(ITestOutputHelper output, ChaosLogSink sink) : IClassFixture<ChaosLogSink>
{
    [PostgresFact]
    public Task KilledSiloAndFaultyOrigin_EveryJobFinishesByteIdentical() => ChaosScenario.RunAsync("PostgreSql", output, sink);
}
