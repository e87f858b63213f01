using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests;

/// <summary>
/// B19 through the job grain, with the silo's real network monitor reading a switchable network under a fake clock.
/// </summary>
public sealed class NetworkLossTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_gracePeriod = new NetworkMonitorOptions().LossGracePeriod;

    private NetworkMonitor Monitor => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<NetworkMonitor>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SwitchNetwork(on: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Offline_JobNeedingTheNetwork_WaitsUncounted_UntilItReturns()
    {
        SwitchNetwork(on: false);
        var remote = await StartJobAsync("http://203.0.113.1:9/remote.bin");
        var loopbackFile = fixture.Origin.AddGenerated($"{Guid.NewGuid():N}.bin", 200_000, seed: 3);
        var loopback = await StartJobAsync(fixture.Origin.UrlFor(loopbackFile.Name).ToString());

        var waiting = await JobWaits.StateAsync(remote, JobState.TransientError);
        Assert.Equal(TransferErrorCode.NetworkDisconnected, waiting.Error!.Code);
        Assert.Equal(ErrorContext.Transport, waiting.Error.Context);
        Assert.Equal(0, waiting.ErrorCount);
        Assert.Null(waiting.NextRetryAt);
        await JobWaits.StateAsync(loopback, JobState.Transferred);

        // No timed retry while the network is lost (B21), however long it takes.
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var stillWaiting = await remote.GetInfoAsync();
        Assert.Equal(JobState.TransientError, stillWaiting.State);
        Assert.Equal(0, stillWaiting.ErrorCount);

        SwitchNetwork(on: true);
        await JobWaits.UntilAsync(
            remote,
            i => i.State != JobState.TransientError || i.Error?.Code != TransferErrorCode.NetworkDisconnected,
            "queued again after the network returned");
        await remote.CancelAsync();
    }

    [Fact]
    public async Task ConnectionFailure_IsRetriedAsSoonAsTheNetworkReturns()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 300_000, seed: 4);
        file.DropConnectionAfter(0, times: 1000);
        var job = await StartJobAsync(fixture.Origin.UrlFor(name).ToString());

        // The worker's quick retries wait on the fake clock.
        var failed = await UntilStateAdvancingClockAsync(job, JobState.TransientError);
        Assert.Equal(ErrorContext.Transport, failed.Error!.Context);
        Assert.Null(failed.Error.HttpStatus);
        Assert.Equal(1, failed.ErrorCount);
        Assert.True(failed.NextRetryAt > fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(30));

        file.DropConnectionAfter(0, times: 0);
        SwitchNetwork(on: false);
        SwitchNetwork(on: true);

        var done = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(1, done.ErrorCount);
        Assert.True(fixture.Clock.GetUtcNow() < failed.NextRetryAt, "retried before its retry time");
        await job.CompleteAsync();
    }

    [Fact]
    public async Task ErrorTheServerAnswered_KeepsItsRetryTime_WhenTheNetworkReturns()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 10_000, seed: 6).RespondWithStatus(503);
        var job = await StartJobAsync(fixture.Origin.UrlFor(name).ToString());
        var failed = await JobWaits.StateAsync(job, JobState.TransientError);

        await fixture.Cluster.Client.GetGrain<IJobHousekeepingGrain>(failed.Id).RetryAfterNetworkReturnAsync();

        var after = await job.GetInfoAsync();
        Assert.Equal(JobState.TransientError, after.State);
        Assert.Equal(failed.NextRetryAt, after.NextRetryAt);
        await job.CancelAsync();
    }

    private async Task<ITransferJobGrain> StartJobAsync(string url)
    {
        var destination = Path.Combine(Directory.CreateTempSubdirectory("xfer-netloss-").FullName, "f.bin");
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("network", null, JobType.Download, JobPriority.Foreground, "tester"));
        await job.SetPropertiesAsync(new JobPropertiesUpdate(MinimumRetryDelay: TimeSpan.FromSeconds(60)));
        await job.AddFilesAsync([new FileSpec(url, destination)]);
        await job.ResumeAsync();
        return job;
    }

    private Task<JobInfo> UntilStateAdvancingClockAsync(ITransferJobGrain job, JobState state) =>
        JobWaits.UntilAsync(job, i => i.State == state, state.ToString(), () => fixture.Clock.Advance(TimeSpan.FromMilliseconds(100)));

    /// <summary>A loss counts after the monitor's grace period on the fake clock; a return counts at once.</summary>
    private void SwitchNetwork(bool on)
    {
        fixture.Network.IsAvailable = on;
        Monitor.Check();
        if (!on)
        {
            fixture.Clock.Advance(s_gracePeriod);
            Assert.False(Monitor.IsAvailable);
        }
    }
}
