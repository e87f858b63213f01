using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// An upload transport registered by one line in a test carries a local file through the real pipeline: checkpoints
/// once the receiver acknowledged, completion, an in-run retry, and resumed runs that go on from what the receiver
/// says it holds rather than from the checkpoint. Its scheme is the fake download transport's, each direction to its own.
/// </summary>
public sealed class FakeUploadTransportTests : IDisposable
{
    private const int KiB = 1024;
    private readonly FakeReceiver _receiver = new();
    private readonly FakeWorker _fake;

    public FakeUploadTransportTests()
    {
        _fake = new FakeWorker("xfer-fake-upload-", new FakeRemote(), _receiver);
    }

    private ITransferWorker Worker => _fake.Worker;

    private ITransportRegistry Registry => _fake.Services.GetRequiredService<ITransportRegistry>();

    public void Dispose() => _fake.Dispose();

    [Fact]
    public void Resolve_OneSchemeBothWays_GoesToEachDirectionsTransport()
    {
        Assert.Equal(new ResolvedRemote("fake://origin/a.bin", "fake"), Registry.Resolve("fake://origin/a.bin", "remoteUrl"));
        Assert.Equal(
            new ResolvedRemote("fake://origin/a.bin", "fake-upload"),
            Registry.Resolve("fake://origin/a.bin", "remoteUrl", TransferDirection.Upload));
        Assert.Equal(["http", "https", "file", "smb", "fake"], Registry.Schemes);
    }

    [Theory]
    [InlineData("file:///srv/a.bin", "files[0].remoteUrl uses the scheme 'file', whose transport 'file' can only download; to upload use http, https, smb or fake.")]
    [InlineData("ftp://origin/a.bin", "files[0].remoteUrl uses the scheme 'ftp', which is not supported; use http, https, smb or fake.")]
    [InlineData("", "files[0].remoteUrl is required: give the URL to upload to.")]
    public void Resolve_ForUploadWithoutAnUploadTransport_IsRefusedNamingTheField(string url, string message)
    {
        var error = Assert.Throws<TransferJobException>(() => Registry.Resolve(url, "files[0].remoteUrl", TransferDirection.Upload));

        Assert.Equal(url.Length == 0 ? TransferErrorCode.InvalidUrl : TransferErrorCode.UnsupportedScheme, error.Code);
        Assert.Equal("files[0].remoteUrl", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Start_UploadToADownloadOnlyScheme_FailsFatallyWithoutTouchingTheFile()
    {
        var (path, content) = WriteLocal("refused.bin", 10 * KiB);

        var events = await RunAsync(Request("file:///srv/refused.bin", path));

        var failed = Assert.Single(events);
        Assert.Equal(TransferEventKind.Failed, failed.Kind);
        Assert.Equal(TransferErrorCode.UnsupportedScheme, failed.Failure!.Code);
        Assert.False(failed.Failure.IsTransient);
        Assert.Equal(
            "The remote URL uses the scheme 'file', whose transport 'file' can only download; to upload use http, https, smb or fake.",
            failed.Failure.Message);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Start_Upload_CheckpointsAcknowledgedBytesAndCompletesByteIdentical()
    {
        var (path, content) = WriteLocal("a.bin", (2 * 1024 * KiB) + 7);
        var upload = _receiver["fake://origin/a.bin"];

        var events = await RunAsync(Request("fake://origin/a.bin", path));

        Assert.Equal(TransferEventKind.Connected, events[0].Kind);
        Assert.Equal(0, events[0].Checkpoint.BytesWritten);
        var checkpoints = events.Where(e => e.Kind == TransferEventKind.Checkpoint).Select(e => e.Checkpoint.BytesWritten).ToList();
        Assert.NotEmpty(checkpoints);
        Assert.Equal(checkpoints.Order(), checkpoints);
        var completed = events[^1];
        Assert.Equal(TransferEventKind.Completed, completed.Kind);
        Assert.Equal(content.Length, completed.Checkpoint.BytesWritten);
        Assert.Equal(content.Length, upload.Acknowledged);
        Assert.Equal(content, upload.Content);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Start_UploadDroppedMidway_RetriesInTheRunWithoutSendingAByteTwice()
    {
        var (path, content) = WriteLocal("quick.bin", 1024 * KiB);
        var upload = _receiver["fake://origin/quick.bin"];
        upload.DropOnceAt(600 * KiB, quickRetry: true);

        var events = await RunAsync(Request("fake://origin/quick.bin", path));

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(2, events.Count(e => e.Kind == TransferEventKind.Connected));
        Assert.True(events.Last(e => e.Kind == TransferEventKind.Connected).Checkpoint.BytesWritten > 0);
        Assert.Equal(content.Length, upload.BytesReceived);
        Assert.Equal(content, upload.Content);
    }

    [Fact]
    public async Task Start_ResumedReceiverHoldsLessThanTheCheckpoint_GoesOnFromWhatItHolds()
    {
        var (path, content) = WriteLocal("less.bin", 2 * 1024 * KiB);
        var upload = _receiver["fake://origin/less.bin"];
        upload.DropOnceAt(1500 * KiB, quickRetry: false);
        var request = Request("fake://origin/less.bin", path);
        var failed = (await RunAsync(request))[^1];
        upload.KeepOnly(700 * KiB);

        var resumed = await RunAsync(request with { Checkpoint = failed.Checkpoint });

        Assert.Equal(TransferEventKind.Failed, failed.Kind);
        Assert.True(failed.Checkpoint.BytesWritten >= 1024 * KiB, $"kept {failed.Checkpoint.BytesWritten} bytes");
        Assert.Equal(TransferEventKind.Connected, resumed[0].Kind);
        Assert.Equal(700 * KiB, resumed[0].Checkpoint.BytesWritten);
        Assert.Equal(TransferEventKind.Completed, resumed[^1].Kind);
        Assert.Equal(2, upload.Opens);
        Assert.Equal(content, upload.Content);
    }

    [Fact]
    public async Task Start_ResumedReceiverHoldsMoreThanTheCheckpoint_SendsOnlyTheRest()
    {
        var (path, content) = WriteLocal("more.bin", 2 * 1024 * KiB);
        var upload = _receiver["fake://origin/more.bin"];
        upload.DropOnceAt(1500 * KiB, quickRetry: false);
        var request = Request("fake://origin/more.bin", path);
        var first = await RunAsync(request);
        var held = upload.Acknowledged;
        var received = upload.BytesReceived;

        // The grain persisted an older checkpoint than the receiver acknowledged, as after a crash between the two.
        var stale = first.First(e => e.Kind == TransferEventKind.Checkpoint).Checkpoint;
        var resumed = await RunAsync(request with { Checkpoint = stale });

        Assert.True(stale.BytesWritten < held, $"checkpoint {stale.BytesWritten}, receiver {held}");
        Assert.Equal(held, resumed[0].Checkpoint.BytesWritten);
        Assert.Equal(stale.LastModified, resumed[0].Checkpoint.LastModified);
        Assert.Equal(TransferEventKind.Completed, resumed[^1].Kind);
        Assert.Equal(content.Length - held, upload.BytesReceived - received);
        Assert.Equal(content, upload.Content);
    }

    private (string Path, byte[] Content) WriteLocal(string name, int length)
    {
        var path = Path.Combine(_fake.Scratch, name);
        var content = new byte[length];
        new Random(length).NextBytes(content);
        File.WriteAllBytes(path, content);
        return (path, content);
    }

    private static FileTransferRequest Request(string url, string localPath) =>
        new(Guid.NewGuid(), 0, url, localPath, [], FileCheckpoint.Empty, Direction: TransferDirection.Upload);

    private Task<List<TransferEvent>> RunAsync(FileTransferRequest request) => TestWorker.RunAsync(Worker, request);
}
