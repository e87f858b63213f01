namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// Caller operations that await (the owner check, the destination claims, the run loop's stop) while the job's run loop
/// goes on: a job with CompleteWhenTransferred may complete itself meanwhile, and the operation then answers as if it
/// had come after that, with nothing it claimed left behind. Gates the tests open hold the run's last worker event,
/// the moves into place, the owner checks and the claims (<see cref="HeldWorkClusterFixture"/>).
/// </summary>
public sealed class InterleavedCallsTests(HeldWorkClusterFixture fixture) : IClassFixture<HeldWorkClusterFixture>, IDisposable
{
    private const string Owner = "tester";
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(2);

    public void Dispose() => fixture.ReleaseAll();

    /// <summary>
    /// Adds: a job that completes itself while an add-files call waits, in the owner check or in its claims (which then
    /// land after the job's final write released its claims), refuses the files with the final-state error, keeps its
    /// own files only, and holds none of the new destinations: another job of the owner claims them.
    /// </summary>
    [Theory]
    [InlineData("owner check")]
    [InlineData("claims")]
    public async Task AddFiles_JobCompletesItselfWhileTheCallWaits_IsRefusedAsFinal_AndHoldsNoClaim(string heldIn)
    {
        var gate = heldIn == "claims" ? fixture.Claims : fixture.OwnerChecks;
        var (job, added) = await TransferringJobAsync(seed: 171);

        gate.Close();
        var adding = job.AddFilesAsync([added]);
        await gate.Reached.Task.WaitAsync(s_wait);
        await CompleteItselfAsync(job);
        gate.Release();

        await AssertRefusedAsFinalAsync(job, adding, "add files to");
        await AssertClaimableAsync(Owner, added);
    }

    /// <summary>
    /// Adds: cancel and suspend wait for the run loop to stop; a job the loop completed meanwhile refuses them with the
    /// final-state error, as if they had come after it, not with a refused transition.
    /// </summary>
    [Theory]
    [InlineData("cancel")]
    [InlineData("suspend")]
    public async Task CancelOrSuspend_JobCompletesItselfWhileTheLoopStops_IsRefusedAsFinal(string operation)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed: 173);
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        fixture.Finisher.Close();
        await job.CreateAsync(CompleteWhenTransferredTests.Request(fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination(), resume: true));
        await fixture.Finisher.MoveStarted.Task.WaitAsync(s_wait);

        var call = operation == "cancel" ? job.CancelAsync() : job.SuspendAsync();

        // Answered after the call above started (one client, in order): that call waits for the loop, held in the move.
        await job.GetInfoAsync();
        fixture.Finisher.Release();

        await AssertRefusedAsFinalAsync(job, call, operation);
    }

    /// <summary>
    /// Adds: a job that completes itself while take-ownership claims its destinations for the new owner (the claims
    /// landing after the job's final write) changes owner as a final job does, and leaves no claim of the new owner.
    /// </summary>
    [Fact]
    public async Task TakeOwnership_JobCompletesItselfDuringTheClaims_LeavesNoClaim()
    {
        var (job, _) = await TransferringJobAsync(seed: 174);
        var destination = (await job.GetInfoAsync()).Files[0].LocalPath;

        fixture.Claims.Close();
        var taking = job.TakeOwnershipAsync("tester2");
        await fixture.Claims.Reached.Task.WaitAsync(s_wait);
        await CompleteItselfAsync(job);
        fixture.Claims.Release();

        var taken = await taking;
        Assert.Equal((JobState.Acknowledged, "tester2"), (taken.State, taken.Owner));
        await AssertClaimableAsync("tester2", new FileSpec(fixture.Origin.UrlFor("none.bin").ToString(), destination));
    }

    /// <summary>A job with CompleteWhenTransferred, Transferring with its one file's last worker event held; and a file to add.</summary>
    private async Task<(ITransferJobGrain Job, FileSpec Added)> TransferringJobAsync(int seed)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 64 * 1024, seed);
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        fixture.Runs.Close();
        await job.CreateAsync(CompleteWhenTransferredTests.Request(fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination(), resume: true));
        await fixture.Runs.Reached.Task.WaitAsync(s_wait);
        return (job, new FileSpec(fixture.Origin.UrlFor(name).ToString(), fixture.NewDestination("added.bin")));
    }

    /// <summary>Lets the held run end: the loop completes the job; the settle wait answers while a caller's call is held.</summary>
    private async Task CompleteItselfAsync(ITransferJobGrain job)
    {
        fixture.Runs.Release();
        var settled = await job.WaitUntilSettledAsync(TimeSpan.FromMinutes(5)).WaitAsync(s_wait);
        Assert.Equal(JobState.Acknowledged, settled.State);
    }

    private static async Task AssertRefusedAsFinalAsync(ITransferJobGrain job, Task call, string operation)
    {
        var refused = await Assert.ThrowsAsync<TransferJobException>(() => call);
        var info = await job.GetInfoAsync();
        Assert.Equal(
            (TransferErrorCode.InvalidState, $"Cannot {operation} a job that is Acknowledged: the job has ended and can no longer change."),
            (refused.Code, refused.Message));
        Assert.Equal((JobState.Acknowledged, 1, true), (info.State, info.Files.Count, info.Files[0].Completed));
    }

    /// <summary>No job holds the destination for the owner: a new job of the owner claims it.</summary>
    private async Task AssertClaimableAsync(string owner, FileSpec file)
    {
        var other = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        var created = await other.CreateAsync(new CreateJobRequest("other", null, JobType.Download, JobPriority.Normal, owner, [file]));
        Assert.Equal(JobState.Suspended, created.State);
        await other.CancelAsync();
    }
}
