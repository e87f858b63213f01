namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>The job's maximum download size (passed as the file's remaining budget): fatal, partial data deleted.</summary>
public sealed class MaxDownloadSizeTests : RequestTestBase
{
    [Fact]
    public async Task Start_ContentLengthBeyondTheJobLimit_FailsBeforeWritingAndNamesTheJobsLimit()
    {
        var file = new ServedFile(ServedFile.Bytes(2 * MiB, seed: 31), "\"m1\"");
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("big.bin").ToString()) with { MaxFileBytes = MiB };

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.False(failure.IsTransient);
        Assert.Contains($"is {2 * MiB} bytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"({MiB} bytes, http.maxDownloadBytes)", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'xfer job set {request.JobId} --max-size SIZE'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == TransferEventKind.Connected);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task Start_StreamWithoutLengthBeyondTheJobLimit_StopsAtTheLimitAndDeletesThePartialData()
    {
        var file = new ServedFile(ServedFile.Bytes(4 * MiB, seed: 32), "\"m2\"") { OmitLength = true };
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("endless.bin").ToString()) with { MaxFileBytes = (2 * MiB) + 1 };

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.Contains("http.maxDownloadBytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == TransferEventKind.Checkpoint && e.Checkpoint.BytesWritten > 0);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task Start_ServiceLimitBelowTheJobLimit_NamesTheServiceLimit()
    {
        var file = new ServedFile(ServedFile.Bytes(2 * MiB, seed: 33), "\"m3\"");
        var server = await StartServerAsync(file.ServeAsync);
        var request = Request(server.Url("big.bin").ToString()) with { MaxFileBytes = 10 * MiB };

        var failure = AssertFailed(await RunAsync(request, options => options.MaxFileBytes = MiB));

        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.Contains($"({MiB} bytes, Transfer:Worker:MaxFileBytes)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("http.maxDownloadBytes", failure.Message, StringComparison.Ordinal);
    }
}
