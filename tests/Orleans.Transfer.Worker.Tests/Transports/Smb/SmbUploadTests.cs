using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>
/// Uploads to an in-memory share through the real worker: a hidden temporary file named after the job and file,
/// nothing under the final name before Finish, resume from what the share holds, rename and last-write time at Finish
/// (B47), and Cancel's clean-up deleting the temporary file.
/// </summary>
public sealed class SmbUploadTests : IDisposable
{
    private const string Url = "smb://127.0.0.1/xfer/in/report.zip";
    private const int Size = (6 * SmbServices.BufferSize) + 17;
    private readonly string _scratch = Directory.CreateTempSubdirectory("xfer-smb-up-").FullName;
    private readonly FakeSmbClient _share = new();
    private readonly Guid _jobId = Guid.NewGuid();

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string TempUrl => $"smb://127.0.0.1/xfer/in/.report.zip.xfer-{_jobId:N}-0.tmp";

    [Fact]
    public async Task Upload_WritesTheTempFile_ThenRenamesItWithTheLocalTime()
    {
        var (request, content) = LocalFile(seed: 1);
        var finalSeen = false;
        _share.OnWrite = _ => finalSeen |= _share.Get(Url) is not null;

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.False(finalSeen, "the final name was visible before the upload finished");
        Assert.Equal([Url], _share.Names);
        Assert.Equal(content, _share.Get(Url)!.Content);
        Assert.Equal(File.GetLastWriteTimeUtc(request.TempPath), _share.Get(Url)!.LastWriteTime.UtcDateTime);
        Assert.Contains($"open-write {TempUrl}", _share.Calls);
        Assert.Equal($"rename {TempUrl} {Url}", _share.Calls.Last(c => c.StartsWith("rename", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(3 * SmbServices.BufferSize, 2 * SmbServices.BufferSize, 2 * SmbServices.BufferSize)]
    [InlineData(2 * SmbServices.BufferSize, 3 * SmbServices.BufferSize, 2 * SmbServices.BufferSize)]
    public async Task Upload_Resumed_GoesOnFromWhatTheShareHoldsUpToTheCheckpoint(int held, int checkpointed, int resumedAt)
    {
        var (request, content) = LocalFile(seed: 2);
        _share.Put(TempUrl, [.. content[..held]]);
        var checkpoint = new FileCheckpoint(checkpointed, content.Length, ETag: null, LastModified: null, RangeUnsupported: false);

        var events = await RunAsync(request with { Checkpoint = checkpoint });

        Assert.Equal(resumedAt, events.First(e => e.Kind == TransferEventKind.Connected).Checkpoint.BytesWritten);
        Assert.Equal($"write {resumedAt}", _share.Calls.First(c => c.StartsWith("write", StringComparison.Ordinal)));
        AssertCompleted(events);
        Assert.Equal(content, _share.Get(Url)!.Content);
    }

    [Fact]
    public async Task Upload_ConnectionLostMidway_ReopensTheTempFileAndCompletes()
    {
        var (request, content) = LocalFile(seed: 3);
        var writes = 0;
        _share.OnWrite = _ =>
        {
            if (++writes == 3)
            {
                _share.FailNext("write", SmbErrorKind.ConnectionLost);
            }
        };

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.True(_share.Calls.Count(c => c == $"open-write {TempUrl}") >= 2);
        Assert.Equal(content, _share.Get(Url)!.Content);
    }

    [Fact]
    public async Task Upload_TempFileDeletedMidway_StartsAgainInANewOne()
    {
        var (request, content) = LocalFile(seed: 4);
        var writes = 0;
        _share.OnWrite = _ =>
        {
            if (++writes == 4)
            {
                _share.DeleteAsync(SmbLocationOf(TempUrl), null, CancellationToken.None).GetAwaiter().GetResult();
            }
        };

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(content, _share.Get(Url)!.Content);
        Assert.Equal([Url], _share.Names);
    }

    [Fact]
    public async Task Upload_MissingDirectory_IsDestinationNotFound()
    {
        var (request, _) = LocalFile(seed: 5);
        _share.FailNext("open-write", SmbErrorKind.NotFound);

        var failure = (await RunAsync(request))[^1].Failure!;

        Assert.Equal((TransferErrorCode.DestinationNotFound, ErrorContext.RemoteFile, false), (failure.Code, failure.Context, failure.IsTransient));
        Assert.Empty(_share.Names);
    }

    [Fact]
    public async Task Discard_DeletesTheTempFileOnTheShare_AndLeavesOtherFiles()
    {
        var (request, _) = LocalFile(seed: 6);
        _share.Put(TempUrl, [1, 2, 3]);
        _share.Put("smb://127.0.0.1/xfer/in/other.zip", [4]);
        await using var services = SmbServices.Build(_share);
        var endpoint = services.GetRequiredService<TransportRegistry>().ResolveForTransfer(Url, TransferDirection.Upload);

        await ((SmbTransport)endpoint.Transport).DiscardAsync(endpoint.Address, request);

        Assert.Equal(["smb://127.0.0.1/xfer/in/other.zip"], _share.Names);
    }

    private static void AssertCompleted(List<TransferEvent> events) =>
        Assert.True(events[^1].Kind == TransferEventKind.Completed, $"{events[^1].Kind}: {events[^1].Failure?.Message}");

    private static SmbLocation SmbLocationOf(string url) =>
        SmbLocation.TryParse(url, out var location, out var problem) ? location : throw new ArgumentException(problem);

    private (FileTransferRequest Request, byte[] Content) LocalFile(int seed)
    {
        var path = Path.Combine(_scratch, "report.zip");
        var content = SmbServices.Content(Size, seed);
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 6, 7, 8, 9, 10, 123, DateTimeKind.Utc));
        return (new FileTransferRequest(_jobId, 0, Url, path, [], FileCheckpoint.Empty, Direction: TransferDirection.Upload), content);
    }

    private async Task<List<TransferEvent>> RunAsync(FileTransferRequest request)
    {
        await using var services = SmbServices.Build(_share);
        return await SmbServices.RunAsync(services, request);
    }
}
