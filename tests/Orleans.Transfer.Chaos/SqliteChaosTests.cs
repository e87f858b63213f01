using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The chaos run on SQLite (see docs/reliability.md): bounded by default, full with XFER_CHAOS=full
/// (<c>scripts/test.sh --chaos</c>); XFER_CHAOS_SEED replays a run. A class per profile so the two run in parallel.
/// </summary>
public sealed class SqliteChaosTests(ITestOutputHelper output, ChaosLogSink sink) : IClassFixture<ChaosLogSink>
{
    [Fact]
    public Task KilledSiloAndFaultyOrigin_EveryJobFinishesByteIdentical() => ChaosScenario.RunAsync("Sqlite", output, sink);
}
