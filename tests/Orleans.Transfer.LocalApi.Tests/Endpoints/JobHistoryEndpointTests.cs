using System.Diagnostics;
using System.Net;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// A job's history through <c>GET /v1/jobs/{id}/history</c> against a real silo: a job that fails, is resumed, retries
/// after a dropped connection, transfers and completes has each step recorded in order, with the error's code.
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class JobHistoryEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task ErrorRetryTransferredComplete_AreRecordedInOrder_WithTheErrorsCode()
    {
        const string Url = "fake://origin/history.bin";
        var request = ApiCalls.NewJob("history", [new FileSpec(Url, fixture.NewDestination())], resume: true)
            with { MinimumRetryDelay = JobLimits.MinimumRetryDelayFloor };

        // No such file yet: the job goes to Error. Then the file, dropped once mid-way: TransientError, a retry.
        var job = await _client.CreateJobAsync(request);
        await UntilStateAsync(job.Id, JobState.Error);
        fixture.Remote.Add(Url, 256 * 1024, seed: 7).DropOnceAt(100 * 1024, quickRetry: false);
        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "resume"), null)).ReadAsync<JobInfo>();
        await UntilStateAsync(job.Id, JobState.Transferred);
        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "complete"), null)).ReadAsync<JobInfo>();

        var history = await UntilHistoryAsync(job.Id, h => h.Events.Any(e => e.State == JobState.Acknowledged));

        var kinds = history.Events.Select(e => (e.Kind, e.State)).ToList();
        Assert.Equal(JobHistoryKind.Created, kinds[0].Kind);
        Assert.Equal(Enumerable.Range(1, history.Events.Count).Select(i => (long)i), history.Events.Select(e => e.Seq));
        var error = Assert.Single(history.Events, e => e.Kind == JobHistoryKind.Error);
        Assert.Equal(nameof(TransferErrorCode.SourceNotFound), error.Code);
        Assert.Equal(JobState.Error, error.State);
        Assert.Contains("No fake file", error.Message, StringComparison.Ordinal);
        var retry = Assert.Single(history.Events, e => e.Kind == JobHistoryKind.Retry);
        Assert.Equal(JobState.TransientError, retry.State);
        Assert.NotNull(retry.Code);
        Assert.Equal(
            [JobState.Error, JobState.TransientError, JobState.Transferred, JobState.Acknowledged],
            StateChangesTo(history, JobState.Error, JobState.TransientError, JobState.Transferred, JobState.Acknowledged));
        Assert.Contains("1 file(s) transferred", history.Events.Single(e => e.Kind == JobHistoryKind.StateChanged && e.State == JobState.Transferred).Message, StringComparison.Ordinal);
        Assert.Equal(0, history.Dropped);
        Assert.Equal(history.Events[^1].Seq, history.Next);

        // Paging: after a seq, with a limit.
        var second = await (await _client.GetAsync($"{LocalApiRoutes.History(job.Id)}?after=1&limit=1")).ReadAsync<JobHistoryPage>();
        Assert.Equal(2, Assert.Single(second.Events).Seq);
    }

    [Fact]
    public async Task UnknownJob_Is404_AndABadLimit_Is400NamingIt()
    {
        var missing = await (await _client.GetAsync(LocalApiRoutes.History(Guid.NewGuid()))).ReadErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal(TransferErrorCode.NotFound, missing.Code);

        var job = await _client.CreateJobAsync(ApiCalls.NewJob("history limits"));
        var limit = await (await _client.GetAsync($"{LocalApiRoutes.History(job.Id)}?limit=0")).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TransferErrorCode.InvalidArgument, "limit"), (limit.Code, limit.Field));
        var after = await (await _client.GetAsync($"{LocalApiRoutes.History(job.Id)}?after=x")).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TransferErrorCode.InvalidArgument, "after"), (after.Code, after.Field));
    }

    public void Dispose() => _client.Dispose();

    // The states the job changed to, in order, keeping only those named (a run passes through Connecting and Transferring).
    private static List<JobState> StateChangesTo(JobHistoryPage history, params JobState[] states) =>
        [.. history.Events.Where(e => e.Kind == JobHistoryKind.StateChanged && states.Contains(e.State)).Select(e => e.State)];

    // The job's event stream ends after a settled state (Error, Transferred, ...): read it to its end.
    private async Task UntilStateAsync(Guid jobId, JobState state)
    {
        using var stream = await _client.GetAsync(LocalApiRoutes.Events(jobId) + "?minIntervalMs=50", HttpCompletionOption.ResponseHeadersRead);
        var events = await stream.ReadEventsToEndAsync().WaitAsync(s_deadline);
        Assert.Equal(state, events[^1].State);
    }

    // The writer is asynchronous: the entries land shortly after the change that recorded them.
    private async Task<JobHistoryPage> UntilHistoryAsync(Guid jobId, Func<JobHistoryPage, bool> complete)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            var page = await (await _client.GetAsync(LocalApiRoutes.History(jobId))).ReadAsync<JobHistoryPage>();
            if (complete(page))
            {
                return page;
            }

            Assert.True(clock.Elapsed < s_deadline, $"job {jobId}'s history is incomplete after {s_deadline}: {string.Join("; ", page.Events)}");
            await timer.WaitForNextTickAsync();
        }
    }
}
