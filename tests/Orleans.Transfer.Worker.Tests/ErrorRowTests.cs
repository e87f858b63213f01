namespace Orleans.Transfer.Worker.Tests;

/// <summary>Each row of docs/errors.md that a loopback origin can produce, end to end.</summary>
public sealed class ErrorRowTests : WorkerTestBase
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    [InlineData(416, false)]
    public async Task Start_HttpStatus_ClassifiedTransientOrFatal(int status, bool transient)
    {
        var file = Origin.AddGenerated("s.bin", MiB, seed: 40);
        file.RespondWithStatus(status, retryAfter: TimeSpan.FromSeconds(5));

        var failure = AssertFailed(await RunAsync(Request(Origin.UrlFor("s.bin").ToString())));

        Assert.Equal(status, failure.HttpStatus);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(transient ? TimeSpan.FromSeconds(5) : null, failure.RetryAfter);
        Assert.Equal(1, file.Requests);
    }

    [Fact]
    public async Task Start_UnresolvableHost_FailsTransientlyWithDnsFailure()
    {
        var failure = AssertFailed(await RunAsync(Request("http://no-such-host.invalid/f.bin")));

        Assert.Equal(TransferErrorCode.DnsFailure, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task Start_HttpsToPlainHttpPort_FailsFatallyWithTlsFailure()
    {
        Origin.AddGenerated("t.bin", MiB, seed: 41);
        var url = new UriBuilder(Origin.UrlFor("t.bin")) { Scheme = "https" }.Uri;

        var failure = AssertFailed(await RunAsync(Request(url.ToString())));

        Assert.Equal(TransferErrorCode.TlsFailure, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Start_RedirectLoop_FailsFatallyWithRedirectLoop()
    {
        Origin.AddRedirect("a.bin", "b.bin");
        Origin.AddRedirect("b.bin", "a.bin");

        var failure = AssertFailed(await RunAsync(Request(Origin.UrlFor("a.bin").ToString())));

        Assert.Equal(TransferErrorCode.RedirectLoop, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Start_TempFileDeletedMidRun_RestartsFromZeroAndCompletesByteIdentical()
    {
        var file = Origin.AddGenerated("del.bin", 4 * MiB, seed: 42);
        var request = Request(Origin.UrlFor("del.bin").ToString());
        file.DropConnectionAfter(2 * MiB, onDrop: () => File.Delete(request.TempPath));

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        // The origin runs ahead of the worker, so the deletion is seen at the first check after it, whenever that is:
        // on a loaded machine even before the first Connected event. Either way the file is fetched from zero twice.
        Assert.Equal(2, file.RangeHeaders.Count(h => h is null));
    }
}
