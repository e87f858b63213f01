using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Limits;

/// <summary>The per-file limits end to end against a real origin: minimum rate and maximum size.</summary>
public sealed class TransferLimitsTests : WorkerTestBase
{
    [Fact]
    public async Task Start_DripFeedingServer_FailsTransientlyWithTooSlowKeepingTheBytes()
    {
        var file = Origin.AddGenerated("drip.bin", MiB, seed: 70);
        file.DripInterval = TimeSpan.FromMilliseconds(1);

        // Every clock read moves the fake clock a second on, so each one-byte read appears to take at least a second:
        // a byte per second or slower, far below the 10 KiB/s minimum, whatever the machine's real speed.
        var time = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        var request = Request(Origin.UrlFor("drip.bin").ToString());

        var events = await RunAsync(
            request,
            options =>
            {
                options.MinimumBytesPerSecond = 10 * 1024;
                options.MinimumRateWindow = TimeSpan.FromSeconds(20);
                options.StallTimeout = TimeSpan.FromHours(1);
            },
            time);

        var failed = events[^1];
        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooSlow, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.True(failure.IsTransient);
        Assert.Contains("MinimumBytesPerSecond", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, file.Requests);
        Assert.InRange(failed.Checkpoint.BytesWritten, 1, 20 * 10 * 1024);
        Assert.Equal(failed.Checkpoint.BytesWritten, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task Start_BackgroundCapFarBelowTheMinimum_CompletesWithoutTooSlow()
    {
        var file = Origin.AddGenerated("capped.bin", 256 * 1024, seed: 71);
        await using var services = CreateServices(options =>
        {
            options.MinimumBytesPerSecond = 64 * MiB;
            options.MinimumRateWindow = TimeSpan.FromMilliseconds(100);
        });
        services.GetRequiredService<IBandwidthController>().Update(new BandwidthPolicy(Timetable.Parse("256k")));
        var request = Request(Origin.UrlFor("capped.bin").ToString());

        var events = await CollectAsync(services.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None));

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    [Fact]
    public async Task Start_ContentLengthAboveMaxFileBytes_FailsFatallyBeforeWriting()
    {
        Origin.AddGenerated("big.bin", 2 * MiB, seed: 72);
        var request = Request(Origin.UrlFor("big.bin").ToString());

        var events = await RunAsync(request, options => options.MaxFileBytes = MiB);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains($"{2 * MiB} bytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFileBytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == TransferEventKind.Connected);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task Start_NoContentLengthAndMoreThanMaxFileBytes_StopsAtTheLimitAndDeletesThePartialData()
    {
        var file = Origin.AddGenerated("endless.bin", 4 * MiB, seed: 73);
        file.OmitContentLength = true;
        var request = Request(Origin.UrlFor("endless.bin").ToString());

        var events = await RunAsync(request, options => options.MaxFileBytes = MiB + 1);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.Contains(events, e => e.Kind == TransferEventKind.Checkpoint && e.Checkpoint.BytesWritten > 0);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task Start_ResumedFileNowAboveTheLimit_DeletesTheKeptBytes()
    {
        var file = Origin.AddGenerated("grown.bin", 4 * MiB, seed: 74);
        var request = Request(Origin.UrlFor("grown.bin").ToString(), new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB, junk: 0);

        var events = await RunAsync(request, options => options.MaxFileBytes = 2 * MiB);

        Assert.Equal(TransferErrorCode.TooLarge, AssertFailed(events).Code);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_FileExactlyAtTheLimit_Completes(bool omitLength)
    {
        var file = Origin.AddGenerated("exact.bin", MiB, seed: 75);
        file.OmitContentLength = omitLength;
        var request = Request(Origin.UrlFor("exact.bin").ToString());

        var events = await RunAsync(request, options => options.MaxFileBytes = MiB);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    [Fact]
    public async Task Start_JobLimitBelowTheServiceLimit_TheLowerOneApplies()
    {
        Origin.AddGenerated("job.bin", 2 * MiB, seed: 76);
        var request = Request(Origin.UrlFor("job.bin").ToString()) with { MaxFileBytes = MiB };

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.TooLarge, failure.Code);
        Assert.Contains($"({MiB} bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new TransferWorkerOptions();

        Assert.Equal(256, options.MinimumBytesPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(2), options.MinimumRateWindow);
        Assert.Equal(1L << 40, options.MaxFileBytes);
    }
}
