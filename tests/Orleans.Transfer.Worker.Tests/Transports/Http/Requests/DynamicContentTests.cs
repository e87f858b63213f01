namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>Dynamic content (BITS DYNAMIC_CONTENT): never a Range, no length needed, an interruption restarts from zero.</summary>
public sealed class DynamicContentTests : RequestTestBase
{
    private static readonly HttpTransferOptions s_dynamic = new() { DynamicContent = true };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_ConnectionDroppedMidBody_RetryStartsAtZeroWithoutRangeAndTheFileIsWhole(bool omitLength)
    {
        // The server supports ranges and sends validators: dynamic content must not use them all the same.
        var file = new ServedFile(ServedFile.Bytes((3 * MiB) + 5, seed: 21), "\"d1\"") { OmitLength = omitLength };
        file.DropAfter(MiB + 3);
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("report").ToString()) with { Http = s_dynamic };

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.Equal(file.Content.Length, completed.Checkpoint.BytesWritten);
        Assert.Equal(ServedFile.Sha256(file.Content), Sha256Of(request.TempPath));
        Assert.Equal([null, null], file.RangeHeaders);
        Assert.All(server.Requests, r => Assert.Null(r.Header("If-Range")));
        var connected = events.Where(e => e.Kind == TransferEventKind.Connected).ToList();
        Assert.Equal(2, connected.Count);
        Assert.All(connected, e =>
        {
            Assert.Equal(0, e.Checkpoint.BytesWritten);
            Assert.True(e.Checkpoint.RangeUnsupported);
            Assert.Contains("Dynamic content", e.Note, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Start_NewRunWithBytesKept_RestartsFromZeroWithoutRange()
    {
        var file = new ServedFile(ServedFile.Bytes(2 * MiB, seed: 22), "\"d2\"");
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("report").ToString(), new FileCheckpoint(MiB, file.Content.Length, "\"d2\"", null, true)) with
        {
            Http = s_dynamic,
        };
        File.WriteAllBytes(request.TempPath, file.Content[..MiB]);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(file.Content), Sha256Of(request.TempPath));
        Assert.Equal([null], file.RangeHeaders);
        Assert.Equal(0, Connected(events).Checkpoint.BytesWritten);
        Assert.Equal(file.Content.Length, file.BodyBytesSent);
    }

    [Fact]
    public async Task Start_FileWithByteRanges_FailsClearlyWithoutARequest()
    {
        var file = new ServedFile(ServedFile.Bytes(MiB, seed: 23), "\"d3\"");
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("report").ToString(), ranges: [new ByteRange(0, 100)]) with { Http = s_dynamic };

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.InvalidRange, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains("dynamic content", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Start_DynamicStreamBeyondTheJobLimit_FailsTooLargeAndDeletesThePartialData()
    {
        var file = new ServedFile(ServedFile.Bytes(4 * MiB, seed: 24)) { OmitLength = true };
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("report").ToString()) with { Http = s_dynamic, MaxFileBytes = (2 * MiB) + 1 };

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains("http.maxDownloadBytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == TransferEventKind.Checkpoint && e.Checkpoint.BytesWritten > 0);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }
}
