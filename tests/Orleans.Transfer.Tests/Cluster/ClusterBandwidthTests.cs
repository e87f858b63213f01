using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Orleans.Transfer.Grains;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Cluster.Bandwidth;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>
/// Three in-process silos of one cluster, each with a bandwidth controller the test reads: a policy set through one silo
/// reaches all, and the background cap is one budget split by demand, released by a silo that leaves. The silos' reports
/// run when the test calls them (their timers wait on a fake clock).
/// </summary>
public sealed class ClusterBandwidthTests : IAsyncLifetime
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new();
    private readonly string _data = Directory.CreateTempSubdirectory("xfer-cluster-bandwidth-").FullName;
    private readonly Dictionary<string, FakeBandwidthController> _controllers = [];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var controller = new FakeBandwidthController();
            lock (_controllers)
            {
                _controllers[options.SiloName] = controller;
            }

            silo.Services.AddSingleton<IBandwidthController>(controller);
            silo.Services.AddSingleton<TimeProvider>(_clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.Configure<TransferClusterOptions>(o =>
            {
                o.ClusterId = "bandwidth";
                o.BandwidthRebalanceInterval = s_interval;
            });
            var directory = Path.Combine(_data, options.SiloName);
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.Sqlite;
                o.DataDirectory = directory;
            });
            silo.AddTransferService();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_policy_set_through_one_silo_reaches_every_silo()
    {
        var spec = new BandwidthPolicySpec(BackgroundLimit: "30M", LowLimit: "1M");

        var applied = await GrainsOf(1).GetGrain<IBandwidthPolicyGrain>(0).SetAsync(spec);

        Assert.Equal(BandwidthPolicySpecs.ToSpec(BandwidthPolicySpecs.ToPolicy(spec)), applied);
        await ReportAsync(_cluster.Silos);
        Assert.All(_cluster.Silos, s => Assert.Equal(applied, BandwidthPolicySpecs.ToSpec(ControllerOf(s).Current)));
    }

    [Fact]
    public async Task The_background_cap_is_one_budget_shared_by_demand_and_released_by_a_silo_that_leaves()
    {
        var silos = _cluster.Silos.ToList();
        ControllerOf(silos[0]).BackgroundDemand = 3;
        ControllerOf(silos[1]).BackgroundDemand = 1;
        ControllerOf(silos[2]).BackgroundDemand = 0;

        var even = BackgroundShares.EvenPart / 3;
        double[] expected = [even + (15.0 / 16 * 3 / 4), even + (15.0 / 16 / 4), even];
        await ReportAsync(silos);
        await ReportAsync(silos);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(expected[i], ControllerOf(silos[i]).Share, 9));
        var shares = await _cluster.Client.GetGrain<IClusterBandwidthGrain>(0).GetSharesAsync();
        Assert.Equal(1, shares.Values.Sum(), 9);

        await _cluster.StopSiloAsync(silos[2]);

        // Declared dead, or silent for three intervals: either way its share goes to the others. Two rounds, as at the
        // start: if the grain lived on the stopped silo it comes back empty and the first report of the round is alone.
        _clock.Advance((s_interval * 3) + TimeSpan.FromSeconds(1));
        await ReportAsync(silos.Take(2));
        await ReportAsync(silos.Take(2));
        Assert.Equal(1, ControllerOf(silos[0]).Share + ControllerOf(silos[1]).Share, 9);
        Assert.Equal((BackgroundShares.EvenPart / 2) + (15.0 / 16 * 3 / 4), ControllerOf(silos[0]).Share, 9);
    }

    private FakeBandwidthController ControllerOf(InProcessSiloHandle silo)
    {
        lock (_controllers)
        {
            return _controllers[silo.Name];
        }
    }

    private IGrainFactory GrainsOf(int silo) => _cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>();

    private static async Task ReportAsync(IEnumerable<InProcessSiloHandle> silos)
    {
        foreach (var silo in silos)
        {
            await silo.ServiceProvider.GetRequiredService<ClusterBandwidthAgent>().ReportAsync();
        }
    }
}
