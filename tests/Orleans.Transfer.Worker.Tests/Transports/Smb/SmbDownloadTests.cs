using System.Globalization;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>
/// Downloads from an in-memory share through the real worker and pipeline: whole files, resume at an offset, B64's
/// size and last-write validator, a change during the copy, no ranges, and the source's time on the file (B47).
/// </summary>
public sealed class SmbDownloadTests : IDisposable
{
    private const string Url = "smb://127.0.0.1/xfer/dir/big.iso";
    private const int Size = (5 * SmbServices.BufferSize) + 123;
    private readonly string _scratch = Directory.CreateTempSubdirectory("xfer-smb-").FullName;
    private readonly FakeSmbClient _share = new();

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Download_WholeFile_IsByteIdenticalAndTakesTheSourcesLastWriteTime()
    {
        var source = _share.Put(Url, SmbServices.Content(Size, seed: 1));
        var request = Request();

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(source.Content, await File.ReadAllBytesAsync(request.TempPath));
        Assert.Equal(source.LastWriteTime.UtcDateTime, File.GetLastWriteTimeUtc(request.TempPath));
        Assert.Equal(source.LastWriteTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), events[^1].Checkpoint.LastModified);
        Assert.Null(Assert.Single(_share.Credentials));
    }

    [Fact]
    public async Task Download_RunFailedMidway_NextRunResumesAtItsOffset()
    {
        var source = _share.Put(Url, SmbServices.Content(Size, seed: 2));
        var request = Request();
        var reads = 0;
        _share.OnRead = _ =>
        {
            if (++reads == 4)
            {
                _share.FailNext("read", SmbErrorKind.ConnectionLost);
            }
        };

        var failed = (await RunAsync(request, o => o.RetryCount = 0))[^1];
        _share.Calls.Clear();
        var resumed = await RunAsync(request with { Checkpoint = failed.Checkpoint });

        Assert.Equal((TransferEventKind.Failed, TransferErrorCode.ConnectionReset, true), (failed.Kind, failed.Failure!.Code, failed.Failure.IsTransient));
        Assert.Contains(Url, failed.Failure.Message, StringComparison.Ordinal);
        Assert.True(failed.Checkpoint.BytesWritten > 0);
        Assert.Equal($"read {failed.Checkpoint.BytesWritten}", _share.Calls.First(c => c.StartsWith("read", StringComparison.Ordinal)));
        Assert.Equal(TransferEventKind.Completed, resumed[^1].Kind);
        Assert.Equal(source.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Download_ConnectionLost_RetriesInTheRunFromTheBytesWritten()
    {
        var source = _share.Put(Url, SmbServices.Content(Size, seed: 3));
        var request = Request();
        var reads = 0;
        _share.OnRead = _ =>
        {
            if (++reads == 3)
            {
                _share.FailNext("read", SmbErrorKind.ConnectionLost);
            }
        };

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(2, _share.Calls.Count(c => c.StartsWith("open-read", StringComparison.Ordinal)));
        Assert.True(events.Last(e => e.Kind == TransferEventKind.Connected).Checkpoint.BytesWritten > 0);
        Assert.Equal(source.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Download_FileChangedBetweenRuns_StartsAgainFromZero()
    {
        _share.Put(Url, SmbServices.Content(Size, seed: 4));
        var request = Request();
        var reads = 0;
        _share.OnRead = _ =>
        {
            if (++reads == 4)
            {
                _share.FailNext("read", SmbErrorKind.ConnectionLost);
            }
        };
        var failed = (await RunAsync(request, o => o.RetryCount = 0))[^1];
        var changed = _share.Put(Url, SmbServices.Content(Size, seed: 5));
        _share.Calls.Clear();

        var resumed = await RunAsync(request with { Checkpoint = failed.Checkpoint });

        Assert.True(failed.Checkpoint.BytesWritten > 0);
        Assert.Equal("read 0", _share.Calls.First(c => c.StartsWith("read", StringComparison.Ordinal)));
        Assert.Equal(TransferEventKind.Completed, resumed[^1].Kind);
        Assert.Equal(changed.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    [Fact]
    public async Task Download_FileChangedDuringTheCopy_FailsTheAttemptAndRestarts()
    {
        var first = _share.Put(Url, SmbServices.Content(Size, seed: 6));
        var replacement = SmbServices.Content(Size + 10, seed: 7);
        var reads = 0;
        _share.OnRead = _ =>
        {
            if (++reads == 3)
            {
                // Rewritten in place while it is read: the open file sees the new bytes and time.
                first.Content = replacement;
                first.LastWriteTime = _share.Tick();
            }
        };
        var request = Request();

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(replacement, await File.ReadAllBytesAsync(request.TempPath));
        Assert.Equal(2, _share.Calls.Count(c => c == "read 0"));
    }

    /// <summary>
    /// Adds: a file emptied on the share while it is read (a rewrite in place truncates first) and still empty at the
    /// next attempt is that attempt's version of the file, by B64's size and last-write time: the run restarts and
    /// completes it with 0 bytes, its total 0. The real-Samba FileChangedMidDownload test once ended so.
    /// </summary>
    [Fact]
    public async Task Download_FileEmptiedWhileRead_RestartsAndCompletesTheEmptyVersion()
    {
        var file = _share.Put(Url, SmbServices.Content(Size, seed: 10));
        var reads = 0;
        _share.OnRead = _ =>
        {
            if (++reads == 3)
            {
                file.Content = [];
                file.LastWriteTime = _share.Tick();
            }
        };
        var request = Request();

        var events = await RunAsync(request);

        Assert.Equal([(long?)Size, 0], events.Where(e => e.Kind == TransferEventKind.Connected).Select(e => e.Checkpoint.BytesTotal));
        Assert.Equal((TransferEventKind.Completed, 0L, 0L), (events[^1].Kind, events[^1].Checkpoint.BytesWritten, events[^1].Checkpoint.BytesTotal));
        Assert.Empty(await File.ReadAllBytesAsync(request.TempPath));
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task Download_WithRanges_IsRefused()
    {
        _share.Put(Url, SmbServices.Content(100, seed: 8));

        var events = await RunAsync(Request() with { Ranges = [new ByteRange(0, 10)] });

        Assert.Equal(TransferErrorCode.InvalidRange, events[^1].Failure!.Code);
        Assert.Contains("B07", events[^1].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_MissingFile_IsSourceNotFoundNamingTheUrl()
    {
        var events = await RunAsync(Request());

        var failure = events[^1].Failure!;
        Assert.Equal((TransferErrorCode.SourceNotFound, ErrorContext.RemoteFile, false), (failure.Code, failure.Context, failure.IsTransient));
        Assert.Contains(Url, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_UncName_ReadsTheSameFile()
    {
        var source = _share.Put(Url, SmbServices.Content(1000, seed: 9));
        var request = Request() with { RemoteUrl = @"\\127.0.0.1\xfer\dir\big.iso" };

        var events = await RunAsync(request);

        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        Assert.Equal(source.Content, await File.ReadAllBytesAsync(request.TempPath));
    }

    private FileTransferRequest Request() =>
        new(Guid.NewGuid(), 0, Url, Path.Combine(_scratch, ".big.iso.tmp"), [], FileCheckpoint.Empty);

    private async Task<List<TransferEvent>> RunAsync(FileTransferRequest request, Action<TransferWorkerOptions>? configure = null)
    {
        await using var services = SmbServices.Build(_share, configure);
        return await SmbServices.RunAsync(services, request);
    }
}
