using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Owners as people read them: the account name with the id, resolved on this machine.</summary>
public sealed class OwnerNamesTests
{
    [Theory]
    [InlineData("unix:0", "root (unix:0)")]
    [InlineData("unix:4000000000", "unix:4000000000")]
    [InlineData("unix:root", "unix:root")]
    [InlineData("alice", "alice")]
    [InlineData("S-1-5-18", "S-1-5-18")]
    public void Describe_NamesKnownAccounts_KeepsEverythingElse(string owner, string expected) =>
        Assert.Equal(expected, OwnerNames.Describe(owner));

    [Fact]
    public async Task Tables_ShowTheAccountNameWithTheId_JsonKeepsTheId()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { Owner = "unix:0" };

        var list = await CliRun.InvokeAsync(client, "job", "list");
        var info = await CliRun.InvokeAsync(client, "job", "info", client.Job.Id.ToString());
        var json = await CliRun.InvokeAsync(client, "job", "info", client.Job.Id.ToString(), "--format", "json");

        Assert.Contains("root (unix:0)", list.Out, StringComparison.Ordinal);
        Assert.Contains("root (unix:0)", info.Out, StringComparison.Ordinal);
        Assert.Contains("\"owner\": \"unix:0\"", json.Out, StringComparison.Ordinal);
    }
}
