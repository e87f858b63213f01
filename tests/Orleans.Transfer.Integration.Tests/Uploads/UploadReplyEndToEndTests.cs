using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Uploads;

/// <summary>
/// Upload-reply between two real silo processes: the server silo's virtual directory notifies a real application (an
/// HTTP app in this test) by value, and the client's UploadReply job downloads the application's reply into its reply
/// file. The application may fail first with a 5xx (the job retries and the reply arrives) or refuse with 403 (the job
/// stops in Error, context RemoteApplication).
/// </summary>
public sealed class UploadReplyEndToEndTests : IAsyncLifetime
{
    private const int FileSize = 3 * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    private readonly string _root = Directory.CreateTempSubdirectory("xfer-upload-reply-").FullName;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly int _uploadPort = LoopbackPorts.Free();
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(FileSize);
    private WebApplication _application = null!;
    private Uri _notifyUrl = null!;
    private int _calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _application = builder.Build();
        _application.MapPost("/notify", NotifyAsync);
        await _application.StartAsync();
        var address = _application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _notifyUrl = new Uri(new Uri(address), "/notify");
    }

    public async Task DisposeAsync()
    {
        await _application.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task UploadReply_ByValue_TheApplicationsReplyLandsInTheReplyFile()
    {
        var (jobId, replyPath) = await RunAsync(JobState.Transferred, async (transfer, id) =>
        {
            var reply = await transfer.GetReplyAsync(id);
            Assert.Equal(Expected(), Encoding.ASCII.GetString(reply.Data));
        });

        Assert.Equal(1, _calls);
        Assert.Equal(Expected(), await File.ReadAllTextAsync(replyPath));
        Assert.NotEqual(Guid.Empty, jobId);
    }

    [Fact]
    public async Task ApplicationFailsWith503ThenSucceeds_TheJobRetries_AndTheReplyArrives()
    {
        _statuses.Enqueue(503);
        var (_, replyPath) = await RunAsync(JobState.Transferred, (_, _) => Task.CompletedTask);

        Assert.Equal(2, _calls);
        Assert.Equal(Expected(), await File.ReadAllTextAsync(replyPath));
    }

    [Fact]
    public async Task ApplicationAnswers403_TheJobStopsInError_WithTheApplicationsContext()
    {
        _statuses.Enqueue(403);
        await RunAsync(JobState.Error, async (transfer, id) =>
        {
            var job = await transfer.GetAsync(id);
            Assert.NotNull(job.Error);
            Assert.Equal(TransferErrorCode.ServerApplicationError, job.Error.Code);
            Assert.Equal(ErrorContext.RemoteApplication, job.Error.Context);
            Assert.Equal(403, job.Error.HttpStatus);
        });
    }

    private async Task<(Guid JobId, string ReplyPath)> RunAsync(JobState until, Func<ITransferClient, Guid, Task> check)
    {
        var serverRoot = Directory.CreateDirectory(Path.Combine(_root, "srv")).FullName;
        var source = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "client")).FullName, "report.bin");
        await File.WriteAllBytesAsync(source, _content);
        var replyPath = Path.Combine(_root, "client", "reply.txt");

        await using var server = new SiloProcess(Home("server-home"), new Dictionary<string, string>
        {
            ["XFER_STORAGE"] = "Sqlite",
            ["XFER_UPLOAD_PORT"] = _uploadPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transfer__Uploads__Directories__0__Path"] = "/reply",
            ["Transfer__Uploads__Directories__0__Root"] = serverRoot,
            ["Transfer__Uploads__Directories__0__NotificationType"] = "ByValue",
            ["Transfer__Uploads__Directories__0__NotificationUrl"] = _notifyUrl.AbsoluteUri,
        });
        await server.StartAsync();
        await using var client = new SiloProcess(Home("client-home"), new Dictionary<string, string> { ["XFER_STORAGE"] = "Sqlite" });
        await client.StartAsync();

        using var host = await SiloClients.ConnectAsync(client);
        var transfer = host.Services.GetRequiredService<ITransferClient>();
        var job = await transfer.CreateJobAsync(new CreateJobRequest(
            "upload-reply test",
            null,
            JobType.UploadReply,
            JobPriority.Foreground,
            Owner: "",
            Files: [new FileSpec($"http://127.0.0.1:{_uploadPort}/reply/report.bin", source)],
            Resume: true,
            MinimumRetryDelay: JobLimits.MinimumRetryDelayFloor,
            ReplyPath: replyPath));
        await SiloClients.UntilAsync(async () => (await transfer.GetAsync(job.Id)).State == until, until.ToString(), s_deadline, client, server);
        await check(transfer, job.Id);
        if (until == JobState.Transferred)
        {
            var completed = await transfer.CompleteAsync(job.Id);
            Assert.Equal(JobState.Acknowledged, completed.State);
            Assert.NotNull(completed.Reply);
            Assert.Equal(Expected().Length, completed.Reply.BytesTotal);
        }

        return (job.Id, replyPath);
    }

    private async Task NotifyAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        Assert.Equal("/reply/report.bin", new Uri(context.Request.Headers["BITS-Original-Request-URL"].ToString()).AbsolutePath);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (_statuses.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            return;
        }

        await context.Response.WriteAsync("reply:" + Convert.ToHexStringLower(SHA256.HashData(body.ToArray())));
    }

    private string Expected() => "reply:" + Convert.ToHexStringLower(SHA256.HashData(_content));

    private string Home(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
}
