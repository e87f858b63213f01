using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>
/// In-process silos of one cluster on one PostgreSQL schema: Silo_0 on host-a, the others on host-b. A job with a
/// destination outside the shared root is pinned to the host that created it: with that host's silo gone no survivor
/// takes it, and a silo of that host that starts later does. A job under the shared root runs on any silo.
/// </summary>
public sealed class JobPlacementTests : IAsyncLifetime
{
    private const string HostA = "host-a";
    private const string HostB = "host-b";
    private readonly string _shared = Directory.CreateTempSubdirectory("xfer-shared-root-").FullName;
    private readonly string _local = Directory.CreateTempSubdirectory("xfer-local-disk-").FullName;
    private readonly string _schema = "placement_" + Guid.NewGuid().ToString("N");
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var baseConnection = StorageProfiles.PostgresConnectionString!;
        var connectionString = await StorageProfiles.CreateSchemaAsync(baseConnection, _schema);
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var host = options.SiloName == "Silo_0" ? HostA : HostB;
            // As AddTransferCluster does, after the testing host has named the silo Silo_n.
            silo.Services.PostConfigure<SiloOptions>(o => o.SiloName = host);
            silo.Services.Configure<TransferClusterOptions>(o =>
            {
                o.ClusterId = "placement";
                o.HostName = host;
                o.SharedRoots = [_shared];
            });
            silo.AddTransferStorage(o =>
            {
                o.Profile = StorageProfile.PostgreSql;
                o.ConnectionString = connectionString;
            });
            silo.AddTransferService();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await StorageProfiles.DropSchemaAsync(StorageProfiles.PostgresConnectionString!, _schema);

        Directory.Delete(_shared, recursive: true);
        Directory.Delete(_local, recursive: true);
    }

    [PostgresFact]
    public async Task A_job_with_a_local_destination_waits_for_its_host_and_a_shared_root_job_moves()
    {
        var hostA = SiloOf(HostA);
        var hostB = SiloOf(HostB);
        var pinned = await CreateAsync(hostB, Path.Combine(_local, "pinned.bin"));
        var shared = await CreateAsync(hostB, Path.Combine(_shared, "shared.bin"));
        Assert.Equal(hostB.SiloAddress.ToParsableString(), (await pinned.GetInfoAsync()).Silo);
        var catalog = hostA.ServiceProvider.GetRequiredService<IJobCatalog>();
        Assert.Equal(HostB, (await catalog.FindAsync(pinned.GetPrimaryKey()))!.PinnedHost);
        Assert.Null((await catalog.FindAsync(shared.GetPrimaryKey()))!.PinnedHost);

        await _cluster.StopSiloAsync(hostB);
        await StabilizedAsync();

        // Only host-a is left: the shared-root job moves to it, the pinned one is refused.
        var survivor = GrainsOf(hostA);
        Assert.Equal(hostA.SiloAddress.ToParsableString(), (await survivor.GetGrain<ITransferJobGrain>(shared.GetPrimaryKey()).GetInfoAsync()).Silo);
        var refused = await Assert.ThrowsAsync<TransferJobException>(() => survivor.GetGrain<ITransferJobGrain>(pinned.GetPrimaryKey()).GetInfoAsync());
        Assert.Equal(TransferErrorCode.JobHostUnavailable, refused.Code);
        Assert.Contains(HostB, refused.Message, StringComparison.Ordinal);

        // host-b's silo returns (a new process of the same host): a call through host-a places the job there.
        var returned = await _cluster.StartAdditionalSiloAsync();
        await StabilizedAsync();
        var info = await survivor.GetGrain<ITransferJobGrain>(pinned.GetPrimaryKey()).GetInfoAsync();
        Assert.Equal(returned.SiloAddress.ToParsableString(), info.Silo);
        Assert.Equal(JobState.Suspended, info.State);
    }

    [PostgresFact]
    public async Task A_job_with_no_local_path_outside_the_shared_roots_is_not_pinned_until_one_is_added()
    {
        var hostA = SiloOf(HostA);
        var job = await CreateAsync(hostA, Path.Combine(_shared, "first.bin"));
        var catalog = hostA.ServiceProvider.GetRequiredService<IJobCatalog>();
        Assert.Null((await catalog.FindAsync(job.GetPrimaryKey()))!.PinnedHost);

        await job.AddFilesAsync([new FileSpec("http://127.0.0.1:9/second.bin", Path.Combine(_local, "second.bin"))]);

        Assert.Equal(HostA, (await catalog.FindAsync(job.GetPrimaryKey()))!.PinnedHost);
    }

    private InProcessSiloHandle SiloOf(string host) =>
        _cluster.Silos.First(s => s.ServiceProvider.GetRequiredService<IOptions<TransferClusterOptions>>().Value.HostName == host);

    // Membership and the grain manifests both name the silos placement may choose.
    private async Task StabilizedAsync()
    {
        await _cluster.WaitForLivenessToStabilizeAsync();
        await _cluster.WaitForClusterManifestToStabilizeAsync();
    }

    private static IGrainFactory GrainsOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    private static async Task<ITransferJobGrain> CreateAsync(InProcessSiloHandle silo, string destination)
    {
        var job = GrainsOf(silo).GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest(
            "placement", null, JobType.Download, JobPriority.Normal, "tester", [new FileSpec("http://127.0.0.1:9/file.bin", destination)]));
        return job;
    }
}
