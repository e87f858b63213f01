using Orleans.Transfer.Cli.Commands;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>job list</c> pages: the page size and token reach the service; the next token is printed on stderr.</summary>
public sealed class JobListPagingTests
{
    [Fact]
    public async Task List_PageSizeAndContinue_ReachTheQuery()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "list", "--page-size", "2", "--continue", "abc");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal((2, "abc"), (client.LastQuery!.PageSize, client.LastQuery.ContinuationToken));
    }

    [Fact]
    public async Task List_MorePages_PrintsTheNextTokenOnStderr_KeepingStdoutJson()
    {
        var client = new FakeTransferClient { NextPageToken = "tok123" };

        var run = await CliRun.InvokeAsync(client, "job", "list", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.StartsWith("[", run.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains(JobListCommand.NextPagePrefix + "tok123", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_LastPage_PrintsNoToken()
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "list");

        Assert.DoesNotContain(JobListCommand.NextPagePrefix, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task List_PageSizeOutOfRange_IsAUsageError(string size)
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient(), "job", "list", "--page-size", size);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--page-size", run.Error, StringComparison.Ordinal);
    }
}
