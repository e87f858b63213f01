using System.Net;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// Owner-or-administrator through the real endpoints: this process is an administrator; <see cref="ActingCallerResolver"/>
/// stands in for another, ordinary user (each test its own uid, so their jobs and quotas do not meet).
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class AccessEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private readonly HttpClient _admin = fixture.Api.CreateClient();

    [Fact]
    public async Task OtherUser_AnotherOwnersJob_Is403NamingTheJob()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5001);
        var job = await _admin.CreateJobAsync(ApiCalls.NewJob("admin's"));

        var responses = new[]
        {
            await other.GetAsync(LocalApiRoutes.Job(job.Id)),
            await other.GetAsync(LocalApiRoutes.Files(job.Id)),
            await other.GetAsync(LocalApiRoutes.Events(job.Id)),
            await other.GetAsync(LocalApiRoutes.History(job.Id)),
            await other.PostAsync(LocalApiRoutes.Action(job.Id, "cancel"), null),
            await other.PatchJsonAsync(LocalApiRoutes.Job(job.Id), new JobPropertiesUpdate(DisplayName: "mine now")),
        };

        foreach (var response in responses)
        {
            var error = await response.ReadErrorAsync(HttpStatusCode.Forbidden);
            Assert.Equal(TransferErrorCode.AccessDenied, error.Code);
            Assert.Contains(job.Id.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains("belongs to another owner", error.Message, StringComparison.Ordinal);
        }

        var info = await (await _admin.GetAsync(LocalApiRoutes.Job(job.Id))).ReadAsync<JobInfo>();
        Assert.Equal(("admin's", JobState.Suspended), (info.DisplayName, info.State));
    }

    [Fact]
    public async Task OtherUser_OwnJob_IsTheirsAndNotElevated_AndAnAdministratorMayUseIt()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5002);

        var job = await other.CreateJobAsync(ApiCalls.NewJob("theirs") with { Owner = "unix:0", Elevated = true });
        var adminView = await (await _admin.GetAsync(LocalApiRoutes.Job(job.Id))).ReadAsync<JobInfo>();
        var suspendedByAdmin = await (await _admin.PostAsync(LocalApiRoutes.Action(job.Id, "suspend"), null)).ReadAsync<JobInfo>();

        Assert.Equal("unix:5002", job.Owner);
        Assert.Equal("unix:5002", adminView.Owner);
        Assert.Equal(JobState.Suspended, suspendedByAdmin.State);
    }

    [Fact]
    public async Task OtherUser_Listing_IsTheirOwnJobs_AndEveryOwnerIsForAdministrators()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5003);
        var theirs = await other.CreateJobAsync(ApiCalls.NewJob("listed"));
        var admins = await _admin.CreateJobAsync(ApiCalls.NewJob("not listed"));

        var own = await (await other.PostJsonAsync(LocalApiRoutes.JobList, new JobListQuery(null, IncludeFinal: true))).ReadAsync<JobListPage>();
        var everyone = await (await other.PostJsonAsync(LocalApiRoutes.JobList, new JobListQuery(null, false, AllOwners: true)))
            .ReadErrorAsync(HttpStatusCode.Forbidden);
        var someoneElse = await (await other.PostJsonAsync(LocalApiRoutes.JobList, new JobListQuery("unix:0", false)))
            .ReadErrorAsync(HttpStatusCode.Forbidden);
        var adminAll = await (await _admin.PostJsonAsync(LocalApiRoutes.JobList, new JobListQuery(null, false, PageSize: JobLimits.MaxListPageSize, AllOwners: true)))
            .ReadAsync<JobListPage>();

        Assert.Equal([theirs.Id], own.Jobs.Select(j => j.Id));
        Assert.Equal("allOwners", everyone.Field);
        Assert.Equal("owner", someoneElse.Field);
        Assert.Contains(adminAll.Jobs, j => j.Id == theirs.Id);
        Assert.Contains(adminAll.Jobs, j => j.Id == admins.Id);
    }

    [Fact]
    public async Task OtherUser_BandwidthPolicy_MayReadButNotChange()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5004);

        var policy = await (await other.GetAsync(LocalApiRoutes.BandwidthPolicy)).ReadAsync<BandwidthPolicySpec>();
        var error = await (await other.PutJsonAsync(LocalApiRoutes.BandwidthPolicy, new BandwidthPolicySpec(BackgroundLimit: "1k")))
            .ReadErrorAsync(HttpStatusCode.Forbidden);

        Assert.Equal(policy, await (await _admin.GetAsync(LocalApiRoutes.BandwidthPolicy)).ReadAsync<BandwidthPolicySpec>());
        Assert.Equal(TransferErrorCode.AccessDenied, error.Code);
        Assert.Contains("change the bandwidth policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyUser_MayReadTheNetworkCost_WithItsSource()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5006);

        var cost = await (await other.GetAsync(LocalApiRoutes.NetworkCost)).ReadAsync<NetworkCost>();

        // The test silo has no NetworkManager to ask unless the machine runs one.
        Assert.Equal(cost, await (await _admin.GetAsync(LocalApiRoutes.NetworkCost)).ReadAsync<NetworkCost>());
        Assert.False(string.IsNullOrEmpty(cost.Source));
        Assert.NotEqual(NetworkCostStates.None, cost.State);
    }

    [Fact]
    public async Task TakeOwnership_IsForAdministrators()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5005);
        var job = await other.CreateJobAsync(ApiCalls.NewJob("taken"));
        var caller = await (await _admin.GetAsync(LocalApiRoutes.Caller)).ReadAsync<CallerInfo>();

        var refused = await (await other.PostAsync(LocalApiRoutes.Action(job.Id, "take-ownership"), null)).ReadErrorAsync(HttpStatusCode.Forbidden);
        var taken = await (await _admin.PostAsync(LocalApiRoutes.Action(job.Id, "take-ownership"), null)).ReadAsync<JobInfo>();
        var lost = await (await other.GetAsync(LocalApiRoutes.Job(job.Id))).ReadErrorAsync(HttpStatusCode.Forbidden);

        Assert.Contains("take ownership", refused.Message, StringComparison.Ordinal);
        Assert.Equal(caller.Owner, taken.Owner);
        Assert.Equal(TransferErrorCode.AccessDenied, lost.Code);
    }

    [Fact]
    public async Task Reset_CancelsTheCallersUnfinishedJobsOnly()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5006);
        var first = await other.CreateJobAsync(ApiCalls.NewJob("reset 1"));
        var second = await other.CreateJobAsync(ApiCalls.NewJob("reset 2"));
        var admins = await _admin.CreateJobAsync(ApiCalls.NewJob("kept"));

        var result = await (await other.PostJsonAsync(LocalApiRoutes.Reset, new ResetRequest(AllOwners: false))).ReadAsync<ResetResult>();
        var everyone = await (await other.PostJsonAsync(LocalApiRoutes.Reset, new ResetRequest(AllOwners: true))).ReadErrorAsync(HttpStatusCode.Forbidden);

        Assert.Equal(new ResetResult(Cancelled: 2, Failed: 0), result);
        Assert.Equal(TransferErrorCode.AccessDenied, everyone.Code);
        foreach (var id in new[] { first.Id, second.Id })
        {
            Assert.Equal(JobState.Cancelled, (await (await other.GetAsync(LocalApiRoutes.Job(id))).ReadAsync<JobInfo>()).State);
        }

        Assert.Equal(JobState.Suspended, (await (await _admin.GetAsync(LocalApiRoutes.Job(admins.Id))).ReadAsync<JobInfo>()).State);
    }

    [Fact]
    public async Task OtherUser_StoppingTheService_Is403()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5007);

        var error = await (await other.PostAsync(LocalApiRoutes.ServiceStop, null)).ReadErrorAsync(HttpStatusCode.Forbidden);

        Assert.Contains("stop the service", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync(LocalApiRoutes.Caller)).StatusCode);
    }

    public void Dispose() => _admin.Dispose();
}
