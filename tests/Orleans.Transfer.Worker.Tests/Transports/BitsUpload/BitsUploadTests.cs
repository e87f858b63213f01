using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>Plain uploads and upload-replies end to end: packets, headers, fragment sizes, edge sizes, errors.</summary>
public sealed class BitsUploadTests : BitsUploadTestBase
{
    [Fact]
    public async Task Start_Upload_SendsThePacketsInOrderAndCommitsByteIdentical()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("report.zip", (3 * 1024 * KiB) + 123);

        var events = await RunAsync(Upload(url, path));

        var completed = AssertCompleted(events);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.Equal(content.Length, completed.Checkpoint.BytesWritten);
        Assert.Null(completed.Checkpoint.UploadSession);
        Assert.Null(completed.ReplyUrl);
        var types = bits.Packets.Select(p => p.Type).Distinct().ToList();
        Assert.Equal(["Ping", "Create-Session", "Fragment", "Close-Session"], types);
        Assert.Equal("Close-Session", bits.Packets[^1].Type);
        Assert.All(bits.PacketsOf("Fragment"), p => Assert.Equal("report.zip", p.ContentName));
        Assert.StartsWith($"bytes 0-{(64 * KiB) - 1}/{content.Length}", Ranges(bits)[0], StringComparison.Ordinal);

        // Fast Acks grow the fragments from 64 KiB; their bytes add up to the file exactly once.
        Assert.True(bits.PacketsOf("Fragment").Max(p => p.BodyLength) > 64 * KiB);
        Assert.Equal(content.Length, bits.PacketsOf("Fragment").Sum(p => p.BodyLength));
        var checkpoints = events.Where(e => e.Kind == TransferEventKind.Checkpoint).ToList();
        var sessions = checkpoints.Select(c => c.Checkpoint.UploadSession?.SessionId).Distinct().ToList();
        Assert.NotEmpty(checkpoints);
        Assert.NotNull(Assert.Single(sessions));
    }

    [Fact]
    public async Task Start_SizeAnExactMultipleOfTheFragment_SendsNoEmptyFragment()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("exact.bin", 3 * 64 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path), o => o.FastAck = TimeSpan.FromTicks(1)));

        Assert.Equal(
            [$"bytes 0-65535/{content.Length}", $"bytes 65536-131071/{content.Length}", $"bytes 131072-196607/{content.Length}"],
            Ranges(bits));
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_EmptyFile_SendsOneEmptyFragmentThenCloses()
    {
        var (bits, url) = await StartServerAsync();
        var (path, _) = WriteLocal("empty.bin", 0);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Equal(["bytes */0"], Ranges(bits));
        Assert.Single(bits.PacketsOf("Close-Session"));
        Assert.Equal([], bits.Committed("/uploads/a.bin")!);
    }

    [Fact]
    public async Task Start_EmptyFileRefusedAsAFragment_ClosesTheSessionDirectly()
    {
        var (bits, url) = await StartServerAsync();
        bits.RefuseEmptyFragment = true;
        var (path, _) = WriteLocal("empty.bin", 0);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Single(bits.PacketsOf("Close-Session"));
        Assert.Equal([], bits.Committed("/uploads/a.bin")!);
    }

    [Fact]
    public async Task Start_LenientServer_UploadsAnyway()
    {
        var (bits, url) = await StartServerAsync();
        bits.Lenient = true;
        bits.CreateStatus = 201;
        var (path, content) = WriteLocal("lenient.bin", 300 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_FragmentsTooLarge_HalvesThemUntilTheServerTakesThem()
    {
        var (bits, url) = await StartServerAsync();
        bits.MaxFragmentBytes = 20 * KiB;
        var (path, content) = WriteLocal("shrink.bin", 200 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path)));

        var fragments = bits.PacketsOf("Fragment");
        Assert.Equal([64 * KiB, 32 * KiB, 16 * KiB], fragments.Take(3).Select(p => p.BodyLength));
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_ServerFailsAFragmentWith503_RetriesInTheRun()
    {
        var (bits, url) = await StartServerAsync();
        bits.Fail("Fragment", 503);
        var (path, content) = WriteLocal("busy.bin", 200 * KiB);

        var events = await RunAsync(Upload(url, path));

        AssertCompleted(events);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.Single(bits.PacketsOf("Create-Session"));
    }

    [Fact]
    public async Task Start_ServerKeepsPartOfAFragment_GoesOnFromItsReceivedContentRange()
    {
        var (bits, url) = await StartServerAsync();
        bits.KeepOnce = 1000;
        var (path, content) = WriteLocal("short.bin", 200 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.StartsWith("bytes 1000-", Ranges(bits)[1], StringComparison.Ordinal);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_SessionNotFoundMidUpload_StartsANewSessionFromZero()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("lost.bin", 300 * KiB);
        var dropped = 0;
        bits.OnPacket = p =>
        {
            if (p.Type == "Fragment" && p.ContentRange!.StartsWith("bytes 65536-", StringComparison.Ordinal) && Interlocked.Exchange(ref dropped, 1) == 0)
            {
                bits.Fail("Fragment", 500, "0x8020001F");
            }
        };

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Equal(2, bits.PacketsOf("Create-Session").Count);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.Equal(2, Ranges(bits).Count(r => r!.StartsWith("bytes 0-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(@"BITS-Sessions\Replies\{C85B4E0A}\responsefile.bin", "uploads/BITS-Sessions/Replies/%7BC85B4E0A%7D/responsefile.bin")]
    [InlineData("/replies/r1", "replies/r1")]
    public async Task Start_UploadReply_ReportsTheResolvedReplyUrlAndLeavesTheSessionOpen(string header, string expected)
    {
        var (bits, url) = await StartServerAsync();
        bits.ReplyUrl = header;
        var (path, content) = WriteLocal("reply.bin", 100 * KiB);

        var completed = AssertCompleted(await RunAsync(Upload(url, path, expectReply: true)));

        Assert.Equal(new Uri(url, "/" + expected).AbsoluteUri, completed.ReplyUrl);
        Assert.NotNull(completed.Checkpoint.UploadSession);
        Assert.Empty(bits.PacketsOf("Close-Session"));
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_UploadReplyWithoutReplyUrl_FailsAsAnInvalidResponse()
    {
        var (bits, url) = await StartServerAsync();
        var (path, _) = WriteLocal("noreply.bin", 10 * KiB);

        var failure = AssertFailed(await RunAsync(Upload(url, path, expectReply: true)));

        Assert.Equal(TransferErrorCode.InvalidServerResponse, failure.Code);
        Assert.Contains("BITS-Reply-URL", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Theory]
    [InlineData(403, null, TransferErrorCode.AccessDenied)]
    [InlineData(409, null, TransferErrorCode.AlreadyExists)]
    [InlineData(500, "0x80200020", TransferErrorCode.TooLarge)]
    [InlineData(400, "0x80070057", TransferErrorCode.UploadRefused)]
    public async Task Start_CreateSessionRefused_FailsFatallyWithTheMappedCode(int status, string? error, TransferErrorCode code)
    {
        var (bits, url) = await StartServerAsync();
        bits.Fail("Create-Session", status, error);
        var (path, _) = WriteLocal("refused.bin", 10 * KiB);

        var failure = AssertFailed(await RunAsync(Upload(url, path)));

        Assert.Equal(code, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.False(failure.IsTransient);
        if (error is not null)
        {
            Assert.Contains(error, failure.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Start_CloseSessionAnswers503Once_ResendsItAndCompletes()
    {
        var (bits, url) = await StartServerAsync();
        bits.Fail("Close-Session", 503);
        var (path, content) = WriteLocal("close.bin", 10 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Equal(2, bits.PacketsOf("Close-Session").Count);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_CancelledWhileWaitingForAnAck_EndsTheRunWithoutAFinalEvent()
    {
        var (bits, url) = await StartServerAsync();
        var (path, _) = WriteLocal("cancel.bin", 200 * KiB);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new SemaphoreSlim(0);
        bits.OnPacket = p =>
        {
            if (p.Type == "Fragment" && !p.ContentRange!.StartsWith("bytes 0-", StringComparison.Ordinal))
            {
                arrived.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        await using var services = Services();
        using var cancel = new CancellationTokenSource();
        var run = services.GetRequiredService<ITransferWorker>().Start(Upload(url, path), cancel.Token);

        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var events = new List<TransferEvent>();
        await foreach (var item in run.Events.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            events.Add(item);
        }

        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        release.Release();
        Assert.DoesNotContain(events, e => e.Kind is TransferEventKind.Completed or TransferEventKind.Failed);
        Assert.Empty(bits.PacketsOf("Close-Session"));
    }

    [Fact]
    public async Task Start_BasicCredentials_ReachTheUploadServerThroughTheHandlerPool()
    {
        var (bits, url) = await StartServerAsync();
        bits.BasicCredential = "alice:s3cret";
        var (path, content) = WriteLocal("auth.bin", 100 * KiB);
        var request = Upload(url, path) with
        {
            Http = new HttpTransferOptions
            {
                Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "s3cret")],
                ServerAuthorities = new HashSet<string>([HttpTransferOptions.OriginOf(url)], StringComparer.OrdinalIgnoreCase),
            },
        };

        AssertCompleted(await RunAsync(request));

        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.All(bits.Packets, p => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")), p.Authorization));
    }

    [Fact]
    public async Task Start_NoCredentialsFor401_FailsWithAuthenticationRequired()
    {
        var (bits, url) = await StartServerAsync();
        bits.BasicCredential = "alice:s3cret";
        var (path, _) = WriteLocal("auth.bin", 1 * KiB);

        var failure = AssertFailed(await RunAsync(Upload(url, path)));

        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Equal(401, failure.HttpStatus);
    }
}
