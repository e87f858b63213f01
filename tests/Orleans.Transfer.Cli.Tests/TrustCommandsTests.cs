using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>whoami, take-ownership, reset and the owner-scoped list, through the gateway client against the real grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TrustCommandsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Whoami_TheGatewayCaller_IsTheConfiguredOwner_AndAnAdministrator()
    {
        var owner = $"svc-{Guid.NewGuid():N}";

        var table = await CliRun.InvokeAsync(ClientFor(owner), "whoami");
        var json = await CliRun.InvokeAsync(ClientFor(owner), "whoami", "--format", "json");

        Assert.True(table.ExitCode == ExitCodes.Success, table.ToString());
        Assert.Contains("Administrator  yes", table.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(owner, document.RootElement.GetProperty("owner").GetString());
        Assert.Equal(owner, document.RootElement.GetProperty("name").GetString());
        Assert.True(document.RootElement.GetProperty("isAdministrator").GetBoolean());
    }

    [Fact]
    public async Task TakeOwnership_MakesTheJobTheCallers_AsItIs()
    {
        var bob = ClientFor($"bob-{Guid.NewGuid():N}");
        var carol = $"carol-{Guid.NewGuid():N}";
        var job = await bob.CreateDownloadJobAsync("bobs job", "kept as it is", JobPriority.Low);

        var run = await CliRun.InvokeAsync(ClientFor(carol), "job", "take-ownership", job.Id.ToString());

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains($"job {job.Id}: Suspended, owned by {carol}", run.Error, StringComparison.Ordinal);
        var taken = await bob.GetAsync(job.Id);
        Assert.Equal(carol, taken.Owner);
        Assert.Equal(("bobs job", "kept as it is", JobPriority.Low), (taken.DisplayName, taken.Description, taken.Priority));
        await bob.CancelAsync(job.Id);
    }

    [Fact]
    public async Task TakeOwnership_UnknownJob_IsRefusedWithNotFound()
    {
        var run = await CliRun.InvokeAsync(fixture.Client, "job", "take-ownership", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error NotFound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_CancelsTheCallersUnfinishedJobs_OnlyTheirs()
    {
        var dave = ClientFor($"dave-{Guid.NewGuid():N}");
        var erin = ClientFor($"erin-{Guid.NewGuid():N}");
        var first = await dave.CreateDownloadJobAsync("one");
        var second = await dave.CreateDownloadJobAsync("two");
        var finished = await dave.CreateDownloadJobAsync("already final");
        await dave.CancelAsync(finished.Id);
        var others = await erin.CreateDownloadJobAsync("not daves");

        var run = await CliRun.InvokeAsync(dave, "job", "reset");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("Cancelled 2 job(s)." + Environment.NewLine, run.Out);
        Assert.Equal(JobState.Cancelled, (await dave.GetAsync(first.Id)).State);
        Assert.Equal(JobState.Cancelled, (await dave.GetAsync(second.Id)).State);
        Assert.Equal(JobState.Suspended, (await erin.GetAsync(others.Id)).State);
        await erin.CancelAsync(others.Id);
    }

    [Fact]
    public async Task List_WithoutAll_ShowsTheCallersJobs_AllShowsEveryOwners()
    {
        var frank = ClientFor($"frank-{Guid.NewGuid():N}");
        var grace = ClientFor($"grace-{Guid.NewGuid():N}");
        var franks = await frank.CreateDownloadJobAsync("franks");
        var graces = await grace.CreateDownloadJobAsync("graces");

        var own = await ListedIdsAsync(frank);
        var all = await ListedIdsAsync(frank, "--all");

        Assert.Contains(franks.Id, own);
        Assert.DoesNotContain(graces.Id, own);
        Assert.Contains(franks.Id, all);
        Assert.Contains(graces.Id, all);
        await frank.CancelAsync(franks.Id);
        await grace.CancelAsync(graces.Id);
    }

    [Fact]
    public async Task Reset_All_AsksForEveryOwner_AndReportsFailures()
    {
        var client = new FakeTransferClient { ResetAnswer = new(5, 2) };

        var run = await CliRun.InvokeAsync(client, "job", "reset", "--all");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["reset all"], client.Calls);
        Assert.Equal("Cancelled 5 job(s)." + Environment.NewLine, run.Out);
        Assert.Contains("2 job(s) could not be cancelled", run.Error, StringComparison.Ordinal);
    }

    private TransferClient ClientFor(string owner) =>
        new(fixture.Cluster.Client, Options.Create(new TransferClientOptions { Owner = owner, WatchInterval = TimeSpan.FromMilliseconds(50) }));

    private static async Task<List<Guid>> ListedIdsAsync(ITransferClient client, params string[] options)
    {
        var ids = new List<Guid>();
        string? token = null;
        do
        {
            string[] paging = token is null ? [] : ["--continue", token];
            var run = await CliRun.InvokeAsync(client, ["job", "list", "--format", "json", "--page-size", "1000", .. options, .. paging]);
            Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
            using var json = JsonDocument.Parse(run.Out);
            ids.AddRange(json.RootElement.EnumerateArray().Select(job => job.GetProperty("id").GetGuid()));
            var next = run.Error.Split('\n').FirstOrDefault(line => line.StartsWith(Commands.JobListCommand.NextPagePrefix, StringComparison.Ordinal));
            token = next?[Commands.JobListCommand.NextPagePrefix.Length..].Trim();
        }
        while (token is not null);

        return ids;
    }
}
