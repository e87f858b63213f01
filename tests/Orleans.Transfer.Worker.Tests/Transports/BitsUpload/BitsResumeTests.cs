using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>
/// A run resumed in the checkpoint's session goes on from what the server holds: more than the checkpoint (skipped,
/// never sent), less than acknowledged or no session at all (a new session from zero); Host-Id and its fallback; and
/// the local file must be the one the upload started with (B64).
/// </summary>
public sealed class BitsResumeTests : BitsUploadTestBase
{
    [Fact]
    public async Task Start_ServerHoldsMoreThanTheCheckpoint_SkipsWhatItHolds()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("more.bin", 1024 * KiB);
        var session = bits.AddSession(content[..(700 * KiB)]);

        var events = await RunAsync(Upload(url, path, Checkpoint(path, content.Length, 300 * KiB, session)));

        AssertCompleted(events);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.Empty(bits.PacketsOf("Create-Session"));
        Assert.Equal("Ping", bits.Packets[0].Type);

        // One fragment from the checkpoint learns where the server is (416); after that only the rest is sent.
        var fragments = bits.PacketsOf("Fragment");
        Assert.StartsWith($"bytes {300 * KiB}-", fragments[0].ContentRange, StringComparison.Ordinal);
        Assert.Equal(content.Length - (700 * KiB), fragments.Skip(1).Sum(p => p.BodyLength));
        Assert.StartsWith($"bytes {700 * KiB}-", fragments[1].ContentRange, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ServerHoldsLessThanAcknowledged_StartsANewSessionFromZero()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("less.bin", 500 * KiB);
        var session = bits.AddSession(content[..(100 * KiB)]);

        var events = await RunAsync(Upload(url, path, Checkpoint(path, content.Length, 300 * KiB, session)));

        var completed = AssertCompleted(events);
        Assert.Single(bits.PacketsOf("Create-Session"));
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.Equal(content.Length, completed.Checkpoint.BytesWritten);
        Assert.Contains(events, e => e.Checkpoint.UploadSession is { } s && s.SessionId != session);
    }

    [Fact]
    public async Task Start_StoredSessionNotFound_StartsANewSessionFromZero()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("gone.bin", 500 * KiB);

        var events = await RunAsync(Upload(url, path, Checkpoint(path, content.Length, 300 * KiB, "{00000000-0000-0000-0000-000000000001}")));

        AssertCompleted(events);
        Assert.Single(bits.PacketsOf("Create-Session"));
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_LocalFileChangedSinceTheCheckpoint_FailsWithLocalFileChanged()
    {
        var (bits, url) = await StartServerAsync();
        var (path, content) = WriteLocal("changed.bin", 500 * KiB);
        var session = bits.AddSession(content[..(300 * KiB)]);
        var checkpoint = Checkpoint(path, content.Length, 300 * KiB, session);
        await File.AppendAllTextAsync(path, "more");

        var failure = AssertFailed(await RunAsync(Upload(url, path, checkpoint)));

        Assert.Equal(TransferErrorCode.LocalFileChanged, failure.Code);
        Assert.Equal(ErrorContext.LocalFile, failure.Context);
        Assert.False(failure.IsTransient);
        Assert.Null(bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_LocalFileChangesDuringTheUpload_FailsWithLocalFileChanged()
    {
        var (bits, url) = await StartServerAsync();
        var (path, _) = WriteLocal("moving.bin", 200 * KiB);
        bits.OnPacket = p =>
        {
            if (p.Type == "Fragment" && p.ContentRange!.StartsWith("bytes 0-", StringComparison.Ordinal))
            {
                File.AppendAllText(path, "more");
            }
        };

        var failure = AssertFailed(await RunAsync(Upload(url, path)));

        Assert.Equal(TransferErrorCode.LocalFileChanged, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Empty(bits.PacketsOf("Close-Session"));

        // B64: the fragment with the last byte never left, so the server cannot complete a file of two versions.
        Assert.DoesNotContain(bits.PacketsOf("Fragment"), p => p.ContentRange!.Contains($"-{(200 * KiB) - 1}/", StringComparison.Ordinal));
        Assert.Null(bits.Committed("/uploads/a.bin"));
    }

    [Fact]
    public async Task Start_ServerNamesAHostId_SendsEveryLaterPacketThere()
    {
        var (bits, url) = await StartServerAsync();
        bits.HostId = "localhost";
        bits.HostIdFallbackSeconds = 110;
        var (path, content) = WriteLocal("farm.bin", 200 * KiB);

        AssertCompleted(await RunAsync(Upload(url, path)));

        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        var afterCreate = bits.Packets.SkipWhile(p => p.Type != "Create-Session").Skip(1).ToList();
        Assert.NotEmpty(afterCreate);
        Assert.All(afterCreate, p => Assert.Equal("localhost", p.Host));
        Assert.Equal("127.0.0.1", bits.PacketsOf("Create-Session")[0].Host);
    }

    [Fact]
    public async Task Start_HostIdUnreachable_FallsBackToTheUrlsHostAfterItsTimeout()
    {
        var (bits, url) = await StartServerAsync();
        bits.HostId = "127.0.0.2";
        bits.HostIdFallbackSeconds = 5;
        var (path, content) = WriteLocal("fallback.bin", 100 * KiB);
        var time = new FakeTimeProvider();

        // The quick retries wait on the fake clock: move it a second at a time until the run ends.
        var run = RunAsync(Upload(url, path), time: time, retryCount: 20);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!run.IsCompleted && await ticks.WaitForNextTickAsync())
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var events = await run;

        var completed = AssertCompleted(events);
        Assert.Equal(content, bits.Committed("/uploads/a.bin"));
        Assert.All(bits.PacketsOf("Fragment"), p => Assert.Equal("127.0.0.1", p.Host));
        Assert.Null(completed.Checkpoint.UploadSession);
        Assert.Contains(events, e => e.Checkpoint.UploadSession is { HostId: null });
    }

    private static FileCheckpoint Checkpoint(string path, long total, long acknowledged, string session) => new(
        acknowledged,
        total,
        ETag: null,
        LastModified: File.GetLastWriteTimeUtc(path).ToString("R", CultureInfo.InvariantCulture),
        RangeUnsupported: false,
        UploadSession: new UploadSessionRef(session, HostId: null, HostIdFallbackSeconds: null));
}
