using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The upload calls of <see cref="Client.LocalApiTransferClient"/> against a real HTTP server on a Unix socket.</summary>
public sealed class LocalApiClientUploadTests
{
    private static readonly Guid s_id = FakeTransferClient.JobId;

    [Fact]
    public async Task CreateUploadJob_PostsOneUploadReplyJob_WithItsFileAndReplyPath()
    {
        string? body = null;
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapPost(LocalApiRoutes.Jobs, async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync();
            return LocalApiTestServer.Json(FakeTransferClient.Sample(JobState.Queued), StatusCodes.Status201Created);
        }));
        using var client = server.Client();

        await client.CreateUploadJobAsync("/data/report.zip", "http://host:8470/uploads/report.zip", "/data/reply.bin", JobPriority.Low);

        using var sent = JsonDocument.Parse(body!);
        var root = sent.RootElement;
        Assert.Equal(("UploadReply", "Low", true, "/data/reply.bin", "report.zip"), (
            root.GetProperty("type").GetString(), root.GetProperty("priority").GetString(), root.GetProperty("resume").GetBoolean(),
            root.GetProperty("replyPath").GetString(), root.GetProperty("displayName").GetString()));
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(("http://host:8470/uploads/report.zip", "/data/report.zip"), (file.GetProperty("remoteUrl").GetString(), file.GetProperty("localPath").GetString()));
    }

    [Fact]
    public async Task GetReply_ReadsTheReply_AndAConflictBecomesInvalidState()
    {
        var ready = Guid.NewGuid();
        await using var server = await LocalApiTestServer.StartAsync(app =>
        {
            app.MapGet(LocalApiRoutes.Reply(ready), () => LocalApiTestServer.Json(new JobReply(new JobReplyInfo(3, 3, "/data/r"), [1, 2, 255])));
            app.MapGet(LocalApiRoutes.Reply(s_id), () => LocalApiTestServer.Json(
                new ApiError(TransferErrorCode.InvalidState, "no whole reply yet", null), StatusCodes.Status409Conflict));
        });
        using var client = server.Client();

        var reply = await client.GetReplyAsync(ready);
        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.GetReplyAsync(s_id));

        Assert.Equal([1, 2, 255], reply.Data);
        Assert.Equal("/data/r", reply.Info.Path);
        Assert.Equal(TransferErrorCode.InvalidState, error.Code);
    }
}
