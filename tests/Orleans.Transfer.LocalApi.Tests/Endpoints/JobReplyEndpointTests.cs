using System.Net;
using System.Text.Json;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// <see cref="LocalApiRoutes.Reply"/> through the real endpoint and access rule; the reply itself comes from
/// <see cref="CannedReplies"/> (the upload-reply transfer is tested with the upload server).
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class JobReplyEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private static readonly byte[] s_data = [0, 1, 2, 250, 255, (byte)'o', (byte)'k'];

    private readonly HttpClient _admin = fixture.Api.CreateClient();

    [Fact]
    public async Task Owner_GetsTheReply_WithItsDataBase64()
    {
        using var owner = fixture.Api.CreateClient(actAsUid: 5101);
        var job = await owner.CreateJobAsync(ApiCalls.NewJob("reply"));
        fixture.Replies.Set(job.Id, () => new JobReply(new JobReplyInfo(s_data.Length, s_data.Length, "/home/user5101/reply.bin"), s_data));

        var response = await owner.GetAsync(LocalApiRoutes.Reply(job.Id));
        var body = await response.Content.ReadAsStringAsync();
        var reply = await response.ReadAsync<JobReply>();

        Assert.Equal(s_data, reply.Data);
        Assert.Equal(new JobReplyInfo(s_data.Length, s_data.Length, "/home/user5101/reply.bin"), reply.Info);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(Convert.ToBase64String(s_data), json.RootElement.GetProperty("data").GetString());
        Assert.Equal(s_data.Length, json.RootElement.GetProperty("info").GetProperty("bytesTotal").GetInt64());
    }

    [Fact]
    public async Task AnotherUser_Is403_AndAnAdministratorGetsIt()
    {
        using var owner = fixture.Api.CreateClient(actAsUid: 5102);
        using var other = fixture.Api.CreateClient(actAsUid: 5103);
        var job = await owner.CreateJobAsync(ApiCalls.NewJob("reply"));
        fixture.Replies.Set(job.Id, () => new JobReply(new JobReplyInfo(2, 2, "/tmp/r"), [1, 2]));

        var refused = await (await other.GetAsync(LocalApiRoutes.Reply(job.Id))).ReadErrorAsync(HttpStatusCode.Forbidden);
        var adminView = await (await _admin.GetAsync(LocalApiRoutes.Reply(job.Id))).ReadAsync<JobReply>();

        Assert.Equal(TransferErrorCode.AccessDenied, refused.Code);
        Assert.Contains(job.Id.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2], adminView.Data);
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var error = await (await _admin.GetAsync(LocalApiRoutes.Reply(Guid.NewGuid()))).ReadErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal(TransferErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task ReplyNotReady_Is409InvalidState_AndTooLargeIs400NamingTheFile()
    {
        var notReady = await _admin.CreateJobAsync(ApiCalls.NewJob("not ready"));
        var tooLarge = await _admin.CreateJobAsync(ApiCalls.NewJob("too large"));
        fixture.Replies.Set(notReady.Id, () => throw new TransferJobException(TransferErrorCode.InvalidState, $"Job {notReady.Id} has no whole reply yet."));
        fixture.Replies.Set(tooLarge.Id, () => throw new TransferJobException(TransferErrorCode.TooLarge, "The reply is 2 MiB; read /tmp/reply.bin instead."));

        var invalid = await (await _admin.GetAsync(LocalApiRoutes.Reply(notReady.Id))).ReadErrorAsync(HttpStatusCode.Conflict);
        var large = await (await _admin.GetAsync(LocalApiRoutes.Reply(tooLarge.Id))).ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal(TransferErrorCode.InvalidState, invalid.Code);
        Assert.Equal(TransferErrorCode.TooLarge, large.Code);
        Assert.Contains("/tmp/reply.bin", large.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _admin.Dispose();
}
