using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// A transport registered by one line in a test carries files through the real pipeline: checkpoints, completion, an
/// in-run retry, a failed run resumed from its checkpoint, byte ranges.
/// </summary>
public sealed class FakeTransportTests : IDisposable
{
    private const int KiB = 1024;
    private readonly FakeRemote _remote = new();
    private readonly FakeWorker _fake;

    public FakeTransportTests()
    {
        _fake = new FakeWorker("xfer-fake-", _remote);
    }

    private ITransferWorker Worker => _fake.Worker;

    public void Dispose() => _fake.Dispose();

    [Fact]
    public void Registry_ClaimsTheFakeScheme_NextToTheBuiltInOnes()
    {
        var registry = _fake.Services.GetRequiredService<ITransportRegistry>();

        Assert.Equal(new ResolvedRemote("fake://origin/a.bin", "fake"), registry.Resolve("fake://origin/a.bin", "remoteUrl"));
        Assert.Equal(["http", "https", "file", "smb", "fake"], registry.Schemes);
        var error = Assert.Throws<TransferJobException>(() => registry.Resolve("ftp://origin/a.bin", "remoteUrl"));
        Assert.EndsWith("use http, https, file, smb or fake.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FakeUrl_CheckpointsAndCompletesByteIdentical()
    {
        var file = _remote.Add("fake://origin/a.bin", (2 * 1024 * KiB) + 7, seed: 1);
        var request = Request("fake://origin/a.bin");

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Connected, events[0].Kind);
        Assert.Equal(file.ETag, events[0].Checkpoint.ETag);
        var checkpoints = events.Where(e => e.Kind == TransferEventKind.Checkpoint).Select(e => e.Checkpoint.BytesWritten).ToList();
        Assert.NotEmpty(checkpoints);
        Assert.Equal(checkpoints.Order(), checkpoints);
        var completed = events[^1];
        Assert.Equal(TransferEventKind.Completed, completed.Kind);
        Assert.Equal(file.Content.Length, completed.Checkpoint.BytesWritten);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Start_ConnectionDroppedMidway_RetriesInTheRunFromTheBytesWritten()
    {
        var file = _remote.Add("fake://origin/quick.bin", 1024 * KiB, seed: 2);
        file.DropOnceAt(600 * KiB, quickRetry: true);
        var request = Request("fake://origin/quick.bin");

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(2, file.Connections);
        Assert.Equal(2, events.Count(e => e.Kind == TransferEventKind.Connected));
        Assert.True(events.Last(e => e.Kind == TransferEventKind.Connected).Checkpoint.BytesWritten > 0);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Start_RunFailed_ResumesFromItsCheckpointInTheNextRun()
    {
        var file = _remote.Add("fake://origin/resume.bin", 2 * 1024 * KiB, seed: 3);
        file.DropOnceAt(1500 * KiB, quickRetry: false);
        var request = Request("fake://origin/resume.bin");

        var failed = (await RunAsync(request))[^1];
        var resumed = await RunAsync(request with { Checkpoint = failed.Checkpoint });

        Assert.Equal(TransferEventKind.Failed, failed.Kind);
        Assert.Equal(TransferErrorCode.ConnectionReset, failed.Failure!.Code);
        Assert.True(failed.Checkpoint.BytesWritten >= 1024 * KiB, $"kept {failed.Checkpoint.BytesWritten} bytes");
        Assert.Equal(file.ETag, failed.Checkpoint.ETag);
        Assert.Equal(failed.Checkpoint.BytesWritten, resumed[0].Checkpoint.BytesWritten);
        Assert.Equal(TransferEventKind.Completed, resumed[^1].Kind);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Start_Ranges_ArriveBackToBack()
    {
        var file = _remote.Add("fake://origin/ranges.bin", 100 * KiB, seed: 4);
        var request = Request("fake://origin/ranges.bin") with { Ranges = [new ByteRange(90 * KiB, null), new ByteRange(0, 10)] };

        var events = await RunAsync(request);

        var written = await File.ReadAllBytesAsync(request.TempPath);
        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal([.. file.Content[(90 * KiB)..], .. file.Content[..10]], written);
    }

    [Fact]
    public async Task Start_FilesOfOneJobAtOnce_RunConcurrentlyAndAllComplete()
    {
        var jobId = Guid.NewGuid();
        var files = Enumerable.Range(0, 3).Select(i => _remote.Add($"fake://origin/n{i}.bin", 700 * KiB, seed: 10 + i)).ToList();
        var requests = Enumerable.Range(0, 3)
            .Select(i => Request($"fake://origin/n{i}.bin") with { JobId = jobId, FileIndex = i, MaxBytesPerSecond = 1L << 40 })
            .ToList();

        var runs = await Task.WhenAll(requests.Select(RunAsync));

        for (var i = 0; i < runs.Length; i++)
        {
            Assert.Equal(TransferEventKind.Completed, runs[i][^1].Kind);
            Assert.Equal(files[i].Content, await File.ReadAllBytesAsync(requests[i].TempPath));
        }
    }

    private FileTransferRequest Request(string url) =>
        new(Guid.NewGuid(), 0, url, Path.Combine(_fake.Scratch, Guid.NewGuid().ToString("N") + ".tmp"), [], FileCheckpoint.Empty);

    private Task<List<TransferEvent>> RunAsync(FileTransferRequest request) => TestWorker.RunAsync(Worker, request);
}
