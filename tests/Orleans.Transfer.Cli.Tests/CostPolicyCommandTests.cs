using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>B84 on the command line: <c>job set --cost-policy</c>, its display in <c>job info</c>, and the cost in <c>policy show</c>.</summary>
public sealed class CostPolicyCommandTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Theory]
    [InlineData("always", 0x800000FFu)]
    [InlineData("not-roaming", 0x8000007Fu)]
    [InlineData("no-surcharge", 0x8000006Fu)]
    [InlineData("standard", 0x80000067u)]
    [InlineData("Unrestricted", 0x80000021u)]
    [InlineData("0x2", 0x2u)]
    [InlineData("6", 0x6u)]
    public async Task JobSet_CostPolicy_SendsTheMask(string value, uint mask)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--cost-policy", value);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal($"set {new JobPropertiesUpdate(CostPolicy: (NetworkCostStates)mask)}", Assert.Single(client.Calls));
    }

    [Fact]
    public async Task JobSet_CostPolicyDefault_GoesBackToTheServiceDefault()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--cost-policy", "default");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal($"set {new JobPropertiesUpdate(DefaultCostPolicy: true)}", Assert.Single(client.Calls));
    }

    [Theory]
    [InlineData("cheap", "not a transfer policy")]
    [InlineData("0x100", "no cost state")]
    [InlineData("0x80000000", "allows no cost state")]
    public async Task JobSet_BadCostPolicy_IsAUsageError_NamingTheChoices(string value, string reason)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "set", s_id, "--cost-policy", value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(client.Calls);
        Assert.Contains("--cost-policy", run.Error, StringComparison.Ordinal);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("not-roaming", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobInfo_ShowsThePolicy_AndWhetherItIsTheDefault()
    {
        var client = new FakeTransferClient();
        client.Job = client.Job with { CostPolicy = TransferPolicy.Standard, CostPolicyIsDefault = true };

        var text = await CliRun.InvokeAsync(client, "job", "info", s_id);
        var json = await CliRun.InvokeAsync(client, "job", "info", s_id, "--format", "json");

        Assert.Contains("standard (service default)", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("standard", document.RootElement.GetProperty("costPolicy").GetString());
        Assert.Equal("0x80000067", document.RootElement.GetProperty("costPolicyMask").GetString());
        Assert.True(document.RootElement.GetProperty("costPolicyIsDefault").GetBoolean());
    }

    [Fact]
    public async Task PolicyShow_ShowsTheDetectedCost_StateSourceAndDetail()
    {
        var client = new FakeTransferClient { NetworkCost = new NetworkCost(NetworkCostStates.CappedUsageUnknown, "NetworkManager", "Metered=guess-yes") };

        var text = await CliRun.InvokeAsync(client, "policy", "show");
        var json = await CliRun.InvokeAsync(client, "policy", "show", "--format", "json");

        Assert.Contains("Network cost: CappedUsageUnknown (source NetworkManager: Metered=guess-yes)", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var cost = document.RootElement.GetProperty("networkCost");
        Assert.Equal("CappedUsageUnknown", cost.GetProperty("state").GetString());
        Assert.Equal("NetworkManager", cost.GetProperty("source").GetString());
        Assert.Equal("Metered=guess-yes", cost.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Transfer_AndJobCreate_TakeACostPolicy_ButNotDefault()
    {
        var client = new FakeTransferClient();

        var transfer = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--cost-policy", "not-roaming");
        Assert.True(transfer.ExitCode == ExitCodes.Success, transfer.ToString());
        Assert.Equal(TransferPolicy.NotRoaming, client.LastCreate!.CostPolicy);

        var create = await CliRun.InvokeAsync(client, "job", "create", "metered-aware", "--cost-policy", "0x21");
        Assert.True(create.ExitCode == ExitCodes.Success, create.ToString());
        Assert.Equal((NetworkCostStates)0x21, client.LastCreate!.CostPolicy);

        var refused = await CliRun.InvokeAsync(client, "job", "create", "x", "--cost-policy", "default");
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
    }
}
