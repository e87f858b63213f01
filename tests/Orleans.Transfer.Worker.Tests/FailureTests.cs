namespace Orleans.Transfer.Worker.Tests;

public sealed class FailureTests : WorkerTestBase
{
    [Fact]
    public async Task Start_NotFound_FailsFatallyWithHttpStatus404()
    {
        var request = Request(Origin.UrlFor("missing.bin").ToString());

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.HttpStatus, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.Equal(404, failure.HttpStatus);
        Assert.False(failure.IsTransient);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UrlWithCredentials_NeverShowsThemInMessages()
    {
        var url = new UriBuilder(Origin.UrlFor("missing.bin")) { UserName = "alice", Password = "s3cret" }.Uri;

        var failure = AssertFailed(await RunAsync(Request(url.ToString())));

        Assert.DoesNotContain("s3cret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", failure.Message, StringComparison.Ordinal);
        Assert.Contains("missing.bin", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ServiceUnavailableWithRetryAfter_FailsTransientlyWithRetryAfter()
    {
        var file = Origin.AddGenerated("busy.bin", MiB, seed: 30);
        file.RespondWithStatus(503, retryAfter: TimeSpan.FromSeconds(7));

        var failure = AssertFailed(await RunAsync(Request(Origin.UrlFor("busy.bin").ToString())));

        Assert.Equal(TransferErrorCode.HttpStatus, failure.Code);
        Assert.Equal(503, failure.HttpStatus);
        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task Start_Forbidden_FailsFatally()
    {
        var file = Origin.AddGenerated("f.bin", MiB, seed: 31);
        file.RespondWithStatus(403);

        var failure = AssertFailed(await RunAsync(Request(Origin.UrlFor("f.bin").ToString())));

        Assert.Equal(403, failure.HttpStatus);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Start_BodyCutShort_FailsTransientlyWithTruncatedBodyKeepingData()
    {
        var file = Origin.AddGenerated("drop.bin", 4 * MiB, seed: 32);
        file.DropConnectionAfter(MiB);

        var events = await RunAsync(Request(Origin.UrlFor("drop.bin").ToString()), options => options.RetryCount = 0);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TruncatedBody, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.True(failure.IsTransient);
        Assert.Equal(MiB, events[^1].Checkpoint.BytesWritten);
    }

    [Fact]
    public async Task Start_NoProgressOnEveryAttempt_GivesUpAfterRetryCountRetries()
    {
        var file = Origin.AddGenerated("dead.bin", MiB, seed: 35);
        file.StallAfter(0, times: 10);

        var events = await RunAsync(
            Request(Origin.UrlFor("dead.bin").ToString()),
            options =>
            {
                options.RetryCount = 2;
                options.StallTimeout = TimeSpan.FromMilliseconds(200);
            });

        var failure = AssertFailed(events);
        Assert.Contains(failure.Code, new[] { TransferErrorCode.Timeout, TransferErrorCode.Stall });
        Assert.True(failure.IsTransient);
        Assert.Equal(3, file.Requests);
    }

    [Fact]
    public async Task Start_ConnectionDropsEveryFewHundredKiBButProgresses_CompletesBecauseBudgetResets()
    {
        var file = Origin.AddGenerated("flaky.bin", 4 * MiB, seed: 34);
        file.DropConnectionAfter(512 * 1024, times: 6);
        var request = Request(Origin.UrlFor("flaky.bin").ToString());

        var events = await RunAsync(request, options => options.RetryCount = 1);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Equal(7, file.Requests);
    }

    [Fact]
    public async Task Start_Stalled_FailsTransientlyWithNetworkError()
    {
        var file = Origin.AddGenerated("stall.bin", 2 * MiB, seed: 33);
        file.StallAfter(MiB);

        var events = await RunAsync(
            Request(Origin.UrlFor("stall.bin").ToString()),
            options =>
            {
                options.RetryCount = 0;
                options.StallTimeout = TimeSpan.FromMilliseconds(300);
            });

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.Stall, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.True(failure.IsTransient);
        Assert.Contains("No data", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConnectionRefused_FailsTransientlyWithNetworkError()
    {
        var port = Origin.BaseAddress.Port;
        await Origin.DisposeAsync();
        var request = Request($"http://127.0.0.1:{port}/gone.bin");

        var failure = AssertFailed(await RunAsync(request, options => options.RetryCount = 1));

        Assert.Equal(TransferErrorCode.ConnectionRefused, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.True(failure.IsTransient);
    }
}
