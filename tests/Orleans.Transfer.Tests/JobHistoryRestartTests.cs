namespace Orleans.Transfer.Tests;

/// <summary>A job's history is in the database, not in the silo: it outlives a restart, and numbering goes on after it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobHistoryRestartTests(ClusterFixture fixture)
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task History_SurvivesASiloRestart_AndGoesOnNumbering()
    {
        var job = await fixture.NewJobAsync("history across restart");
        var id = job.GetPrimaryKey();
        await job.SetPropertiesAsync(new JobPropertiesUpdate(Priority: JobPriority.High));
        var before = await UntilAsync(id, p => p.Events.Any(e => e.Kind == JobHistoryKind.PropertiesChanged));
        Assert.Equal(JobHistoryKind.Created, before.Events[0].Kind);
        Assert.Contains("priority High", before.Events[^1].Message, StringComparison.Ordinal);

        await fixture.RestartSiloAsync();
        await Poll.ReconnectedAsync(job);
        await fixture.Grains.GetGrain<ITransferJobGrain>(id).CancelAsync();

        var after = await UntilAsync(id, p => p.Events.Any(e => e.State == JobState.Cancelled));
        Assert.Equal(before.Events, after.Events.Take(before.Events.Count));
        Assert.Equal(Enumerable.Range(1, after.Events.Count).Select(i => (long)i), after.Events.Select(e => e.Seq));
        Assert.Equal((JobHistoryKind.StateChanged, JobState.Cancelled), (after.Events[^1].Kind, after.Events[^1].State));
    }

    // The writer is asynchronous: entries land just after the change that recorded them.
    private async Task<JobHistoryPage> UntilAsync(Guid id, Func<JobHistoryPage, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        while (true)
        {
            var page = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).GetHistoryAsync(id, 0, JobLimits.MaxHistoryPageSize);
            if (done(page))
            {
                return page;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"job {id}'s history after {s_deadline}: {string.Join("; ", page.Events)}");
            await tick.WaitForNextTickAsync();
        }
    }
}
