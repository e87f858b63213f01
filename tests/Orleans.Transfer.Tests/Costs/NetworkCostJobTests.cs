using System.Security.Cryptography;

namespace Orleans.Transfer.Tests.Costs;

/// <summary>
/// B84–B85 through the job grain, with a network cost the test sets and a fake clock: a job whose policy does not allow
/// the cost waits in TransientError with NetworkCostNotAllowed, uncounted, with no retry time and its bytes, and goes
/// on when the cost or its policy allows it.
/// </summary>
public sealed class NetworkCostJobTests(CostClusterFixture fixture) : IClassFixture<CostClusterFixture>, IAsyncLifetime
{
    private const long Size = 1024 * 1024;

    public Task InitializeAsync()
    {
        fixture.Cost.Set(NetworkCostStates.Unrestricted);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        fixture.Cost.Set(NetworkCostStates.Unrestricted);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MeteredMidTransfer_StopsTheJob_Uncounted_KeepsItsBytes_AndGoesOnWhenUnmetered()
    {
        var (job, file, destination) = await StartThrottledAsync(JobPriority.Normal, TransferPolicy.Unrestricted);
        await UntilAsync(job, i => i.Progress.BytesTransferred >= 96 * 1024, "some bytes transferred", AdvanceClock);

        fixture.Cost.Set(NetworkCostStates.CappedUsageUnknown, "NetworkManager", "Metered=yes");
        var waiting = await UntilAsync(job, i => i.State == JobState.TransientError, "stopped for the cost");
        Assert.Equal(TransferErrorCode.NetworkCostNotAllowed, waiting.Error!.Code);
        Assert.Equal(ErrorContext.Transport, waiting.Error.Context);
        Assert.Contains("CappedUsageUnknown", waiting.Error.Message, StringComparison.Ordinal);
        Assert.Contains("unrestricted", waiting.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, waiting.ErrorCount);
        Assert.Null(waiting.NextRetryAt);

        // No timed retry, however long the cost stays: no back-off to wait out afterwards either.
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var still = await job.GetInfoAsync();
        Assert.Equal((JobState.TransientError, 0, (DateTimeOffset?)null), (still.State, still.ErrorCount, still.NextRetryAt));

        file.ThrottleBytesPerSecond = 0;
        var requestsBefore = file.RangeHeaders.Count;
        fixture.Cost.Set(NetworkCostStates.Unrestricted);
        var done = await UntilAsync(job, i => i.State == JobState.Transferred, "Transferred");
        Assert.Equal(0, done.ErrorCount);
        // Whether or not a checkpoint landed before the stop (it depends on how the fake clock met the reads), the bytes
        // written are kept: the same boot resumes from the temp file's end.
        var range = file.RangeHeaders[requestsBefore] ?? "bytes=0-";
        var resumedAt = long.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resumedAt > 0, "the bytes written before the stop are kept");
        Assert.True(resumedAt >= waiting.Progress.BytesTransferred, $"resumed at {resumedAt}, below the {waiting.Progress.BytesTransferred} bytes kept");
        await AssertCompletedIdenticalAsync(job, destination, seed: 11);
    }

    [Fact]
    public async Task CostNotAllowedAtTheStart_WaitsBeforeAnyRequest_UntilThePolicyAllowsIt()
    {
        fixture.Cost.Set(NetworkCostStates.Roaming);
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, 64 * 1024, seed: 12);
        var destination = NewDestination();
        var job = await CreateAsync(JobPriority.High, TransferPolicy.NotRoaming, name, destination);

        var waiting = await UntilAsync(job, i => i.State == JobState.TransientError, "TransientError");
        Assert.Equal(TransferErrorCode.NetworkCostNotAllowed, waiting.Error!.Code);
        Assert.Equal(0, file.Requests);

        var changed = await job.SetPropertiesAsync(new JobPropertiesUpdate(CostPolicy: TransferPolicy.Always));
        Assert.Equal((TransferPolicy.Always, false), (changed.CostPolicy, changed.CostPolicyIsDefault));
        await UntilAsync(job, i => i.State == JobState.Transferred, "Transferred");
        await AssertCompletedIdenticalAsync(job, destination, seed: 12, size: 64 * 1024);
    }

    [Fact]
    public async Task PolicyChangedWhileTransferring_StopsAtOnce_AndTheDefaultCanTakeOver()
    {
        fixture.Cost.Set(NetworkCostStates.UsageBased);
        var (job, file, destination) = await StartThrottledAsync(JobPriority.Low, TransferPolicy.Always);
        await UntilAsync(job, i => i.Progress.BytesTransferred > 0, "transferring", AdvanceClock);

        await job.SetPropertiesAsync(new JobPropertiesUpdate(CostPolicy: TransferPolicy.Unrestricted));
        var waiting = await UntilAsync(job, i => i.State == JobState.TransientError, "TransientError");
        Assert.Equal((TransferErrorCode.NetworkCostNotAllowed, 0), (waiting.Error!.Code, waiting.ErrorCount));

        // Back to the default for Low jobs (this silo's: unrestricted), which does not allow usage-based either.
        var byDefault = await job.SetPropertiesAsync(new JobPropertiesUpdate(DefaultCostPolicy: true));
        Assert.Equal((TransferPolicy.Unrestricted, true), (byDefault.CostPolicy, byDefault.CostPolicyIsDefault));
        Assert.Equal(JobState.TransientError, byDefault.State);

        file.ThrottleBytesPerSecond = 0;
        fixture.Cost.Set(NetworkCostStates.OvercapThrottled);
        await UntilAsync(job, i => i.State == JobState.Transferred, "Transferred");
        await AssertCompletedIdenticalAsync(job, destination, seed: 11);
    }

    [Fact]
    public async Task DefaultPerPriority_ForegroundTransfers_OthersWait()
    {
        fixture.Cost.Set(NetworkCostStates.CappedUsageUnknown);
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 32 * 1024, seed: 13);
        var foreground = await CreateAsync(JobPriority.Foreground, null, name, NewDestination());
        var normal = await CreateAsync(JobPriority.Normal, null, name, NewDestination());

        var done = await UntilAsync(foreground, i => i.State == JobState.Transferred, "Transferred");
        Assert.Equal((TransferPolicy.Always, true), (done.CostPolicy, done.CostPolicyIsDefault));
        var waiting = await UntilAsync(normal, i => i.State == JobState.TransientError, "TransientError");
        Assert.Equal((TransferPolicy.Unrestricted, true), (waiting.CostPolicy, waiting.CostPolicyIsDefault));
        Assert.Equal(TransferErrorCode.NetworkCostNotAllowed, waiting.Error!.Code);
        Assert.Contains("Transfer:Network:CostPolicy:Background", waiting.Error.Message, StringComparison.Ordinal);

        // B85 follows the priority: made Foreground, the job's default is always.
        await normal.SetPropertiesAsync(new JobPropertiesUpdate(Priority: JobPriority.Foreground));
        await UntilAsync(normal, i => i.State == JobState.Transferred, "Transferred");
        await foreground.CompleteAsync();
        await normal.CompleteAsync();
    }

    [Fact]
    public async Task BadPolicies_AreRefused_NamingTheField()
    {
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("cost", null, JobType.Download, JobPriority.Normal, "tester"));

        var none = await Assert.ThrowsAsync<TransferJobException>(() => job.SetPropertiesAsync(new JobPropertiesUpdate(CostPolicy: NetworkCostStates.IgnoreCongestion)));
        Assert.Equal((TransferErrorCode.InvalidArgument, "costPolicy"), (none.Code, none.Field));
        var both = await Assert.ThrowsAsync<TransferJobException>(
            () => job.SetPropertiesAsync(new JobPropertiesUpdate(CostPolicy: TransferPolicy.Always, DefaultCostPolicy: true)));
        Assert.Equal(TransferErrorCode.InvalidArgument, both.Code);
        var created = await Assert.ThrowsAsync<TransferJobException>(() => fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid())
            .CreateAsync(new CreateJobRequest("cost", null, JobType.Download, JobPriority.Normal, "tester", CostPolicy: (NetworkCostStates)0x100)));
        Assert.Equal("costPolicy", created.Field);
        await job.CancelAsync();
    }

    /// <summary>The worker reports bytes on its clock: a transfer's live progress moves only as the fake clock does.</summary>
    private void AdvanceClock() => fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));

    private async Task<(ITransferJobGrain Job, TestOrigin.OriginFile File, string Destination)> StartThrottledAsync(JobPriority priority, NetworkCostStates policy)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, Size, seed: 11);
        file.ThrottleBytesPerSecond = 128 * 1024;
        var destination = NewDestination();
        return (await CreateAsync(priority, policy, name, destination), file, destination);
    }

    private async Task<ITransferJobGrain> CreateAsync(JobPriority priority, NetworkCostStates? policy, string name, string destination)
    {
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest(
            "cost", null, JobType.Download, priority, "tester", [new FileSpec(fixture.Origin.UrlFor(name).ToString(), destination)], Resume: true, CostPolicy: policy));
        return job;
    }

    /// <summary>
    /// Polls the job on a PeriodicTimer: the job's long poll would wait on the fake clock for bytes to move, and hold
    /// the grain's other calls meanwhile. The deadline only stops a broken test.
    /// </summary>
    private static async Task<JobInfo> UntilAsync(ITransferJobGrain job, Func<JobInfo, bool> condition, string what, Action? betweenPolls = null)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            var info = await job.GetInfoAsync();
            if (condition(info))
            {
                return info;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {info.Id} never reached '{what}'; last state {info.State}, {info.Progress.BytesTransferred} bytes, error {info.Error}.");
            }

            betweenPolls?.Invoke();
            await timer.WaitForNextTickAsync();
        }
    }

    private static string NewDestination() => Path.Combine(Directory.CreateTempSubdirectory("xfer-cost-job-").FullName, "f.bin");

    private static async Task AssertCompletedIdenticalAsync(ITransferJobGrain job, string destination, int seed, long size = Size)
    {
        await job.CompleteAsync();
        var expected = TestOrigin.GeneratedContent.ComputeSha256(size, seed);
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(destination))), ignoreCase: true);
    }
}
