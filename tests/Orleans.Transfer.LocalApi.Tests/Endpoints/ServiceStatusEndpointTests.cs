using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.LocalApi.Hosting;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// <c>GET /v1/service/status</c> through the real endpoint: an ordinary user counts their own jobs only, an
/// administrator (this process) every owner's; the process and the local API's own address are reported.
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class ServiceStatusEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private readonly HttpClient _admin = fixture.Api.CreateClient();

    [Fact]
    public async Task OwnerCountsTheirOwnJobs_AdministratorEveryOwners()
    {
        using var owner = fixture.Api.CreateClient(actAsUid: 5901);
        using var other = fixture.Api.CreateClient(actAsUid: 5902);
        var adminBefore = Suspended(await (await _admin.GetAsync(LocalApiRoutes.ServiceStatus)).ReadAsync<ServiceStatus>());

        await owner.CreateJobAsync(ApiCalls.NewJob("owner's first"));
        var cancelled = await owner.CreateJobAsync(ApiCalls.NewJob("owner's cancelled"));
        await owner.PostAsync(LocalApiRoutes.Action(cancelled.Id, "cancel"), null);
        await other.CreateJobAsync(ApiCalls.NewJob("someone else's"));

        var own = await (await owner.GetAsync(LocalApiRoutes.ServiceStatus)).ReadAsync<ServiceStatus>();
        var all = await (await _admin.GetAsync(LocalApiRoutes.ServiceStatus)).ReadAsync<ServiceStatus>();

        Assert.False(own.AllOwners);
        Assert.Equal(Enum.GetValues<JobState>(), own.Jobs.Select(j => j.State));
        Assert.Equal(
            new Dictionary<JobState, long> { [JobState.Suspended] = 1, [JobState.Cancelled] = 1 },
            own.Jobs.Where(j => j.Count != 0).ToDictionary(j => j.State, j => j.Count));
        Assert.True(all.AllOwners);
        Assert.Equal(adminBefore + 2, Suspended(all));
        Assert.Equal(Environment.ProcessId, all.ProcessId);
        Assert.Equal("Sqlite", all.Store);
        Assert.Null(all.Cluster);
        Assert.Equal(new ServiceListener("localApi", $"unix:{fixture.Api.App.Services.GetRequiredService<LocalApiEndpoint>().SocketPath}"), all.Listeners[0]);
    }

    public void Dispose() => _admin.Dispose();

    private static long Suspended(ServiceStatus status) => status.Jobs.Single(j => j.State == JobState.Suspended).Count;
}
