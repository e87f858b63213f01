namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// The event stream ends where the job says it is settled (<see cref="JobEvent.Settled"/>): at Acknowledged for a job
/// the service completes itself, at Transferred with the error when its moves failed, at Transferred for any other job.
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class SettledEventStreamTests(LocalApiFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task Events_OfASelfCompletingJob_EndAtAcknowledged_TheFileInPlace()
    {
        var destination = fixture.NewDestination();
        var events = await RunAsync("settled-auto.bin", destination, completeWhenTransferred: true);

        Assert.Equal((JobState.Acknowledged, (bool?)true), (events[^1].State, events[^1].Settled));
        Assert.All(events.Take(events.Count - 1), e => Assert.False(e.IsSettled()));
        Assert.True(File.Exists(destination));
    }

    [Fact]
    public async Task Events_OfASelfCompletingJobWhoseMoveFails_EndAtTransferred_WithTheError()
    {
        // A directory where the file is to go, made once the job exists: the service's move into place fails (B30).
        var destination = fixture.NewDestination();
        var events = await RunAsync("settled-failed.bin", destination, completeWhenTransferred: true, beforeResume: () => Directory.CreateDirectory(destination));

        Assert.Equal((JobState.Transferred, (bool?)true), (events[^1].State, events[^1].Settled));
        Assert.NotNull(events[^1].ErrorCode);
        Assert.All(events.Take(events.Count - 1), e => Assert.False(e.IsSettled()));
        var info = await (await _client.GetAsync(LocalApiRoutes.Job(events[^1].JobId))).ReadAsync<JobInfo>();
        Assert.Equal(events[^1].ErrorCode, info.Error?.Code);
    }

    [Fact]
    public async Task Events_OfAJobTheOwnerCompletes_EndAtTransferred()
    {
        var destination = fixture.NewDestination();
        var events = await RunAsync("settled-owner.bin", destination, completeWhenTransferred: false);

        Assert.Equal((JobState.Transferred, (bool?)true, (TransferErrorCode?)null), (events[^1].State, events[^1].Settled, events[^1].ErrorCode));
        Assert.False(File.Exists(destination));
    }

    public void Dispose() => _client.Dispose();

    private async Task<IReadOnlyList<JobEvent>> RunAsync(string name, string destination, bool completeWhenTransferred, Action? beforeResume = null)
    {
        var url = $"fake://origin/{Guid.NewGuid():N}-{name}";
        fixture.Remote.Add(url, 64 * 1024, seed: 3);
        var request = ApiCalls.NewJob(name, [new FileSpec(url, destination)]) with { CompleteWhenTransferred = completeWhenTransferred };
        var job = await _client.CreateJobAsync(request);
        beforeResume?.Invoke();
        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "resume"), null)).ReadAsync<JobInfo>();

        using var stream = await _client.GetAsync(LocalApiRoutes.Events(job.Id) + "?minIntervalMs=50", HttpCompletionOption.ResponseHeadersRead);
        var events = await stream.ReadEventsToEndAsync();
        Assert.All(events, e => Assert.Equal(job.Id, e.JobId));
        return events;
    }
}
