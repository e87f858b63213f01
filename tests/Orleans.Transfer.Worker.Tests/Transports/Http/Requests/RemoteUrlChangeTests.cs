namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>
/// SetRemoteName at the worker: a run for a file whose URL changed resumes its kept bytes only when the new URL serves
/// the same content (same validator and size, so If-Range gives 206); otherwise the file restarts from zero.
/// </summary>
public sealed class RemoteUrlChangeTests : RequestTestBase
{
    private const int Size = (3 * MiB) + 11;

    [Fact]
    public async Task Start_NewUrlServesTheSameContent_KeepsTheBytesAndFetchesTheRest()
    {
        var content = ServedFile.Bytes(Size, seed: 41);
        var (request, kept) = await InterruptedRunAsync(content, "\"same-v1\"");
        var mirror = new ServedFile(content, "\"same-v1\"");
        var server = await StartServerAsync(mirror.ServeAsync);

        var events = await RunAsync(request with { RemoteUrl = server.Url("mirror/file.bin").ToString(), Checkpoint = kept });

        AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(content), Sha256Of(request.TempPath));
        Assert.Equal([$"bytes={kept.BytesWritten}-"], mirror.RangeHeaders);
        Assert.Equal("\"same-v1\"", Assert.Single(server.Requests).Header("If-Range"));
        Assert.Equal(Size - kept.BytesWritten, mirror.BodyBytesSent);
        Assert.Equal(kept.BytesWritten, Connected(events).Checkpoint.BytesWritten);
    }

    [Fact]
    public async Task Start_NewUrlServesOtherContent_RestartsFromZeroWithTheNewContent()
    {
        var (request, kept) = await InterruptedRunAsync(ServedFile.Bytes(Size, seed: 42), "\"old-v1\"");
        var other = new ServedFile(ServedFile.Bytes(Size, seed: 43), "\"new-v7\"");
        var server = await StartServerAsync(other.ServeAsync);

        var events = await RunAsync(request with { RemoteUrl = server.Url("other.bin").ToString(), Checkpoint = kept });

        var completed = AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(other.Content), Sha256Of(request.TempPath));
        Assert.Equal("\"new-v7\"", completed.Checkpoint.ETag);
        Assert.Equal(Size, other.BodyBytesSent);
        Assert.Contains(events, e => e.Kind == TransferEventKind.Connected && e.Checkpoint.BytesWritten == 0);
    }

    [Fact]
    public async Task Start_NewUrlWithTheSameValidatorButAnotherSize_RestartsFromZero()
    {
        var (request, kept) = await InterruptedRunAsync(ServedFile.Bytes(Size, seed: 44), "\"v1\"");
        var longer = new ServedFile(ServedFile.Bytes(Size + 1000, seed: 44), "\"v1\"");
        var server = await StartServerAsync(longer.ServeAsync);

        var events = await RunAsync(request with { RemoteUrl = server.Url("longer.bin").ToString(), Checkpoint = kept });

        AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(longer.Content), Sha256Of(request.TempPath));
        Assert.Contains(events, e => e.Kind == TransferEventKind.Connected && e.Checkpoint.BytesWritten == 0);
    }

    /// <summary>A first run from the old URL that the server cuts after about a MiB, with no quick retries: bytes kept.</summary>
    private async Task<(FileTransferRequest Request, FileCheckpoint Kept)> InterruptedRunAsync(byte[] content, string etag)
    {
        var old = new ServedFile(content, etag);
        old.DropAfter(MiB + 7);
        var server = await StartServerAsync(old.ServeAsync);
        var request = Request(server.Url("old/file.bin").ToString());

        var events = await RunAsync(request, options => options.RetryCount = 0);

        var failed = events[^1];
        Assert.Equal(TransferEventKind.Failed, failed.Kind);
        Assert.True(failed.Checkpoint.BytesWritten > 0, "the first run kept no bytes");
        Assert.Equal(etag, failed.Checkpoint.ETag);
        return (request, failed.Checkpoint);
    }
}
