using System.Runtime.Versioning;
using System.Text.Json;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// <c>xfer service status</c> run by real users against the real service running as root: an owner's job counts are
/// their own jobs only; an administrator's (Carol, of the admin group) are every owner's. Counts come from the catalog's
/// counters, so they are compared before and after, whatever other jobs the counters already hold.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ServiceStatusOwnerTests : IAsyncLifetime
{
    private readonly RootOnlyService _test = new();

    private MultiUserService Service => _test.Service;

    public Task InitializeAsync() => _test.StartAsync();

    public Task DisposeAsync() => _test.DisposeAsync();

    [RootFact]
    public async Task OwnerCountsTheirOwnJobs_AdministratorCountsEveryOwners()
    {
        var aliceBefore = await SuspendedAsync(LocalUsers.Alice, allOwners: false);
        var bobBefore = await SuspendedAsync(LocalUsers.Bob, allOwners: false);
        var carolBefore = await SuspendedAsync(LocalUsers.Carol, allOwners: true);

        await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "a1.bin"));
        await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "a2.bin"));
        await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "b1.bin"));

        Assert.Equal(aliceBefore + 2, await SuspendedAsync(LocalUsers.Alice, allOwners: false));
        Assert.Equal(bobBefore + 1, await SuspendedAsync(LocalUsers.Bob, allOwners: false));
        Assert.Equal(carolBefore + 3, await SuspendedAsync(LocalUsers.Carol, allOwners: true));
    }

    private async Task<long> SuspendedAsync(string user, bool allOwners)
    {
        using var json = JsonDocument.Parse(await Service.XferOkAsync(user, "service", "status", "--format", "json"));
        var root = json.RootElement;
        Assert.True(root.GetProperty("running").GetBoolean());
        Assert.Equal(allOwners, root.GetProperty("allOwners").GetBoolean());
        return root.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("state").GetString() == "Suspended").GetProperty("count").GetInt64();
    }
}
