using System.Net;
using System.Text;
using System.Text.Json;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>The local API over a real Unix socket, as this process's own user, against a real silo.</summary>
[Collection(LocalApiCollection.Name)]
public sealed class JobEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task Caller_IsThisProcess_FromTheSocketsPeerCredentials()
    {
        // The uid reaches the request only through the connection's SO_PEERCRED feature.
        var caller = await (await _client.GetAsync(LocalApiRoutes.Caller)).ReadAsync<CallerInfo>();

        var uid = UnixAccounts.EffectiveUserId();
        Assert.Equal($"unix:{uid}", caller.Owner);
        Assert.Equal(UnixAccounts.FindUser(uid)?.Name ?? caller.Owner, caller.Name);
        Assert.True(caller.IsAdministrator);
    }

    [Fact]
    public async Task CreateInfoListEventsCancel_CarryAJobEndToEnd()
    {
        fixture.Remote.Add("fake://origin/end-to-end.bin", 256 * 1024, seed: 1);
        var caller = await (await _client.GetAsync(LocalApiRoutes.Caller)).ReadAsync<CallerInfo>();
        var request = ApiCalls.NewJob("end to end", [new FileSpec("fake://origin/end-to-end.bin", fixture.NewDestination())], resume: true);

        var created = await _client.PostJsonAsync(LocalApiRoutes.Jobs, request);
        var job = await created.ReadAsync<JobInfo>(HttpStatusCode.Created);
        Assert.Equal(LocalApiRoutes.Job(job.Id), created.Headers.Location?.OriginalString);
        Assert.Equal(caller.Owner, job.Owner);

        var info = await (await _client.GetAsync(LocalApiRoutes.Job(job.Id))).ReadAsync<JobInfo>();
        Assert.Equal((job.Id, "end to end", 1), (info.Id, info.DisplayName, info.Files.Count));

        var page = await (await _client.PostJsonAsync(LocalApiRoutes.JobList, new JobListQuery(null, IncludeFinal: false))).ReadAsync<JobListPage>();
        Assert.Contains(page.Jobs, j => j.Id == job.Id && j.Owner == caller.Owner);

        using var stream = await _client.GetAsync(LocalApiRoutes.Events(job.Id) + "?minIntervalMs=50", HttpCompletionOption.ResponseHeadersRead);
        var events = await stream.ReadEventsToEndAsync();
        Assert.All(events, e => Assert.Equal(job.Id, e.JobId));
        Assert.Equal(JobState.Transferred, events[^1].State);
        Assert.Equal((256 * 1024L, 1), (events[^1].BytesTransferred, events[^1].FilesTransferred));
        Assert.True(events[^1].Settled);
        Assert.All(events.Take(events.Count - 1), e => Assert.False(e.IsSettled()));

        var cancelled = await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "cancel"), null)).ReadAsync<JobInfo>();
        Assert.Equal(JobState.Cancelled, cancelled.State);
    }

    [Fact]
    public async Task Events_UnsettledJob_AnswersAtOnceAndFollowsAStateChange()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("watched"));
        using var stream = await _client.GetAsync(LocalApiRoutes.Events(job.Id), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var first = await ApiCalls.NextEventAsync(reader);
        Assert.Equal(JobState.Suspended, first?.State);

        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "cancel"), null)).ReadAsync<JobInfo>();
        Assert.Equal(JobState.Cancelled, (await ApiCalls.NextEventAsync(reader))?.State);
        Assert.Null(await ApiCalls.NextEventAsync(reader));
    }

    [Fact]
    public async Task CompleteWhenTransferred_IsTakenByCreateAndPatch_AndShownInTheJobsJson()
    {
        const string create = "{\"displayName\":\"auto\",\"type\":\"Download\",\"priority\":\"Normal\",\"owner\":\"\",\"completeWhenTransferred\":true}";

        var created = await (await _client.PostAsync(LocalApiRoutes.Jobs, new StringContent(create, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        using var createdJson = JsonDocument.Parse(created);
        var id = createdJson.RootElement.GetProperty("id").GetGuid();
        var patched = await (await _client.PatchAsync(LocalApiRoutes.Job(id), new StringContent("{\"completeWhenTransferred\":false}", Encoding.UTF8, "application/json")))
            .Content.ReadAsStringAsync();
        using var patchedJson = JsonDocument.Parse(patched);

        Assert.True(createdJson.RootElement.GetProperty("completeWhenTransferred").GetBoolean());
        Assert.False(patchedJson.RootElement.GetProperty("completeWhenTransferred").GetBoolean());
        await _client.PostAsync(LocalApiRoutes.Action(id, "cancel"), null);
    }

    [Fact]
    public async Task Create_OwnerAndElevatedFromTheBody_AreIgnored()
    {
        var caller = await (await _client.GetAsync(LocalApiRoutes.Caller)).ReadAsync<CallerInfo>();

        var job = await _client.CreateJobAsync(ApiCalls.NewJob() with { Owner = "mallory", Elevated = false });

        Assert.Equal(caller.Owner, job.Owner);
    }

    /// <summary>
    /// Adds: the batch route creates every job as the caller (owner and elevation in the body ignored), in order, and
    /// a bad job refuses the batch naming it.
    /// </summary>
    [Fact]
    public async Task CreateBatch_OwnsEveryJobAsTheCaller_InOrder_AndABadJobIsNamed()
    {
        var caller = await (await _client.GetAsync(LocalApiRoutes.Caller)).ReadAsync<CallerInfo>();
        IReadOnlyList<CreateJobRequest> requests = [ApiCalls.NewJob("first") with { Owner = "mallory" }, ApiCalls.NewJob("second") with { Owner = "unix:0", Elevated = true }];

        var created = await (await _client.PostJsonAsync(LocalApiRoutes.JobBatch, requests)).ReadAsync<IReadOnlyList<JobInfo>>(HttpStatusCode.Created);

        Assert.Equal(["first", "second"], created.Select(j => j.DisplayName));
        Assert.All(created, j => Assert.Equal(caller.Owner, j.Owner));
        IReadOnlyList<CreateJobRequest> bad = [ApiCalls.NewJob("good"), ApiCalls.NewJob("bad", [new FileSpec("http://127.0.0.1/x", "relative/f.bin")])];
        var error = await (await _client.PostJsonAsync(LocalApiRoutes.JobBatch, bad)).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TransferErrorCode.InvalidLocalPath, "jobs[1].files[0].localPath"), (error.Code, error.Field));
        foreach (var job in created)
        {
            await _client.PostAsync(LocalApiRoutes.Action(job.Id, "cancel"), null);
        }
    }

    [Fact]
    public async Task Create_MalformedJson_Is400NamingTheBody()
    {
        var response = await _client.PostAsync(LocalApiRoutes.Jobs, new StringContent("{displayName: \"x\"}", Encoding.UTF8, "application/json"));

        var error = await response.ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TransferErrorCode.InvalidArgument, "body"), (error.Code, error.Field));
        Assert.StartsWith("The request body is not a CreateJobRequest in JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WrongType_Is400NamingTheField()
    {
        var response = await _client.PostAsync(LocalApiRoutes.Jobs, new StringContent("{\"displayName\":\"x\",\"priority\":\"Urgent\"}", Encoding.UTF8, "application/json"));

        var error = await response.ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal((TransferErrorCode.InvalidArgument, "priority"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Create_NoBodyOrNull_Is400SayingWhatToSend()
    {
        var empty = await (await _client.PostAsync(LocalApiRoutes.Jobs, null)).ReadErrorAsync(HttpStatusCode.BadRequest);
        var nullBody = await (await _client.PostAsync(LocalApiRoutes.Jobs, new StringContent("null", Encoding.UTF8, "application/json")))
            .ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal("The request has no body; send a CreateJobRequest as JSON.", empty.Message);
        Assert.Equal("The request body is null; send a CreateJobRequest as JSON.", nullBody.Message);
    }

    [Fact]
    public async Task Create_InvalidInput_KeepsTheGrainsCodeAndField()
    {
        var request = ApiCalls.NewJob(files: [new FileSpec("fake://origin/x.bin", "relative/path.bin")]);

        var error = await (await _client.PostJsonAsync(LocalApiRoutes.Jobs, request)).ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal((TransferErrorCode.InvalidLocalPath, "files[0].localPath"), (error.Code, error.Field));
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var error = await (await _client.GetAsync(LocalApiRoutes.Job(Guid.NewGuid()))).ReadErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal(TransferErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Files_AddedAndPaged()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("files"));
        FileSpec[] files = [new("fake://origin/f0.bin", fixture.NewDestination()), new("fake://origin/f1.bin", fixture.NewDestination())];

        var added = await (await _client.PostJsonAsync(LocalApiRoutes.Files(job.Id), files)).ReadAsync<JobInfo>();
        var page = await (await _client.GetAsync(LocalApiRoutes.Files(job.Id) + "?offset=1&count=5")).ReadAsync<JobFilePage>();

        Assert.Equal(2, added.Files.Count);
        Assert.Equal((1, 2, "fake://origin/f1.bin"), (page.Offset, page.Total, page.Files.Single().RemoteUrl));
    }

    [Fact]
    public async Task Files_WithADigest_TakeItAsJson_AndABadOne_Is400NamingIt()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("digests"));
        var hex = new string('A', 64);
        string Body(string digest) =>
            $$$"""[{"remoteUrl":"fake://origin/d.bin","localPath":{{{JsonSerializer.Serialize(fixture.NewDestination())}}},"digest":{"algorithm":"Sha256","hex":"{{{digest}}}"}}]""";

        var added = await (await _client.PostAsync(LocalApiRoutes.Files(job.Id), new StringContent(Body(hex), Encoding.UTF8, "application/json")))
            .ReadAsync<JobInfo>();
        var refused = await (await _client.PostAsync(LocalApiRoutes.Files(job.Id), new StringContent(Body("abc"), Encoding.UTF8, "application/json")))
            .ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal(new JobFileDigest(DigestAlgorithm.Sha256, hex.ToLowerInvariant(), Verified: false), Assert.Single(added.Files).Digest);
        Assert.Equal((TransferErrorCode.InvalidArgument, "files[0].digest"), (refused.Code, refused.Field));
    }

    [Fact]
    public async Task Files_NullItemOrBadQuery_Is400NamingIt()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("bad files"));

        var nullItem = await (await _client.PostAsync(LocalApiRoutes.Files(job.Id), new StringContent("[null]", Encoding.UTF8, "application/json")))
            .ReadErrorAsync(HttpStatusCode.BadRequest);
        var badQuery = await (await _client.GetAsync(LocalApiRoutes.Files(job.Id) + "?offset=first")).ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal("files[0]", nullItem.Field);
        Assert.Equal("offset", badQuery.Field);
    }

    [Fact]
    public async Task PropertiesAndNotifications_AreSet()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("before"));

        var renamed = await (await _client.PatchJsonAsync(LocalApiRoutes.Job(job.Id), new JobPropertiesUpdate(DisplayName: "after", Priority: JobPriority.High)))
            .ReadAsync<JobInfo>();
        var notified = await (await _client.PutJsonAsync(LocalApiRoutes.Notifications(job.Id), new NotificationSettings(WebhookUrl: "https://hooks.example.com/hook")))
            .ReadAsync<JobInfo>();
        var cleared = await (await _client.PutAsync(LocalApiRoutes.Notifications(job.Id), new StringContent("null", Encoding.UTF8, "application/json")))
            .ReadAsync<JobInfo>();

        Assert.Equal(("after", JobPriority.High), (renamed.DisplayName, renamed.Priority));
        Assert.Equal("https://hooks.example.com/hook", notified.Notifications?.WebhookUrl);
        Assert.Null(cleared.Notifications);
    }

    [Fact]
    public async Task Actions_ChangeTheJobsState()
    {
        fixture.Remote.Add("fake://origin/actions.bin", 1024, seed: 2);
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("actions", [new FileSpec("fake://origin/actions.bin", fixture.NewDestination())]));

        var suspended = await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "suspend"), null)).ReadAsync<JobInfo>();
        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "resume"), null)).ReadAsync<JobInfo>();
        using var stream = await _client.GetAsync(LocalApiRoutes.Events(job.Id), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(JobState.Transferred, (await stream.ReadEventsToEndAsync())[^1].State);
        var completed = await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "complete"), null)).ReadAsync<JobInfo>();

        Assert.Equal(JobState.Suspended, suspended.State);
        Assert.Equal(JobState.Acknowledged, completed.State);
        Assert.Equal(1024, new FileInfo(completed.Files[0].LocalPath).Length);
    }

    [Fact]
    public async Task Action_InvalidState_Is409()
    {
        var job = await _client.CreateJobAsync(ApiCalls.NewJob("ended"));
        await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "cancel"), null)).ReadAsync<JobInfo>();

        var error = await (await _client.PostAsync(LocalApiRoutes.Action(job.Id, "resume"), null)).ReadErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal(TransferErrorCode.InvalidState, error.Code);
    }

    [Theory]
    [InlineData("/v1/no-such-route")]
    [InlineData("/v1/jobs.json")]
    [InlineData("/v1/jobs/not-a-guid")]
    public async Task UnknownRoute_Is404WithAnApiError(string path)
    {
        var error = await (await _client.GetAsync(path)).ReadErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal((TransferErrorCode.NotFound, "path"), (error.Code, error.Field));
    }

    public void Dispose() => _client.Dispose();
}
