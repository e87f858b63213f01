using System.Text.Json;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>job reply --format json</c>: the reply as one JSON object on stdout; never together with <c>--output</c>.</summary>
public sealed class ReplyJsonCommandTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    [Fact]
    public async Task ReplyJson_CarriesPathSizesAndBytesInBase64()
    {
        var client = new FakeTransferClient { Reply = new JobReply(new JobReplyInfo(3, 3, "/data/reply.bin"), [0, 0xFF, (byte)'a']) };

        var run = await CliRun.InvokeAsync(client, "job", "reply", s_id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal(s_id, root.GetProperty("id").GetString());
        Assert.Equal("/data/reply.bin", root.GetProperty("path").GetString());
        Assert.True(root.GetProperty("isComplete").GetBoolean());
        Assert.Equal([0, 0xFF, (byte)'a'], root.GetProperty("data").GetBytesFromBase64());
    }

    [Fact]
    public async Task ReplyJson_WithOutput_ExitsTwo_AskingNothing()
    {
        var client = new FakeTransferClient { Reply = new JobReply(new JobReplyInfo(1, 1, "/data/reply.bin"), [1]) };

        var run = await CliRun.InvokeAsync(client, "job", "reply", s_id, "--format", "json", "--output", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.bin"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--format json", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("reply", client.Calls);
    }
}
