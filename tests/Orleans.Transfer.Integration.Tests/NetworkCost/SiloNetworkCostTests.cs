using Orleans.Transfer.Testing.NetworkCost;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// The real silo process finds its network cost: from a fake NetworkManager on a private system bus
/// (DBUS_SYSTEM_BUS_ADDRESS), from Transfer:Network:Cost, or nowhere; a bad setting stops it at start, saying why.
/// </summary>
public sealed class SiloNetworkCostTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-cost-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task OnNetworkManager_ReadsMeteredAndFollowsItsChanges()
    {
        await using var bus = await FakeNetworkManager.CreateAsync(FakeNetworkManager.MeteredYes);
        await using var silo = new SiloProcess(_home, new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus.BusAddress });
        await silo.StartAsync();
        await LogSaysAsync(silo, "Network cost is CappedUsageUnknown (NetworkManager: Metered=yes)");

        await bus.SetMeteredAsync(FakeNetworkManager.MeteredNo);

        await LogSaysAsync(silo, "Network cost changed to Unrestricted from CappedUsageUnknown (NetworkManager: Metered=no)");
    }

    [Fact]
    public async Task WithoutBus_LogsUnknownOnceAndRuns()
    {
        var missing = $"unix:path={Path.Combine(_home, "no-bus")}";
        await using var silo = new SiloProcess(_home, new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = missing });
        await silo.StartAsync();

        await LogSaysAsync(silo, $"Network cost is Unrestricted (unknown: no D-Bus system bus at {missing}");
        Assert.Single(Lines(silo, "Network cost unknown, counted as Unrestricted: no D-Bus system bus at"));
        Assert.True(silo.IsRunning);
    }

    [Fact]
    public async Task Configured_OverridesThePlatform()
    {
        await using var silo = new SiloProcess(_home, new Dictionary<string, string> { ["Transfer__Network__Cost"] = "Roaming" });
        await silo.StartAsync();

        await LogSaysAsync(silo, "Network cost is Roaming (configuration: Transfer:Network:Cost=Roaming)");
    }

    [Fact]
    public async Task BadSetting_StopsTheSiloAtStartSayingWhy()
    {
        await using var silo = new SiloProcess(_home, new Dictionary<string, string> { ["Transfer__Network__Cost"] = "Cheap" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Contains("Transfer:Network:Cost must be Auto, Unrestricted, Metered,", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not 'Cheap'", refused.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Lines(SiloProcess silo, string text) =>
        silo.ReadLog().Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal));

    private static Task LogSaysAsync(SiloProcess silo, string text) =>
        SiloClients.UntilAsync(() => Task.FromResult(Lines(silo, text).Any()), $"the silo log saying '{text}'", s_deadline, silo);
}
