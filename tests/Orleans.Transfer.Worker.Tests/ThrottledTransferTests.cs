using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

public sealed class ThrottledTransferTests : WorkerTestBase
{
    [Fact]
    public async Task Start_BlockedByTimetable_FailsTransientlyWithRetryAfterWithoutConnecting()
    {
        var file = Origin.AddGenerated("b.bin", MiB, seed: 50);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 7, 30, 0, TimeSpan.Zero));
        await using var services = CreateServices(time: time);
        services.GetRequiredService<IBandwidthController>().Update(new BandwidthPolicy(Timetable.Parse("00:00,0 08:00,off")));
        var worker = services.GetRequiredService<ITransferWorker>();

        var blocked = AssertFailed(await CollectAsync(worker.Start(Request(Origin.UrlFor("b.bin").ToString()), CancellationToken.None)));
        var foreground = Request(Origin.UrlFor("b.bin").ToString(), tempName: "fg.tmp") with { Priority = JobPriority.Foreground };
        AssertCompleted(await CollectAsync(worker.Start(foreground, CancellationToken.None)));

        Assert.Equal(TransferErrorCode.BlockedByPolicy, blocked.Code);
        Assert.Equal(ErrorContext.QueueManager, blocked.Context);
        Assert.True(blocked.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(30), blocked.RetryAfter);
        Assert.Equal(1, file.Requests);
    }

    [Fact]
    public async Task UpdateJob_RaisingTheCapOfARunningTransfer_AppliesAtOnce()
    {
        var file = Origin.AddGenerated("slow.bin", 4 * MiB, seed: 51);
        var request = Request(Origin.UrlFor("slow.bin").ToString()) with { MaxBytesPerSecond = 128 * 1024 };
        await using var services = CreateServices();
        var worker = services.GetRequiredService<ITransferWorker>();

        // At 128 KiB/s the file would take 32 s, longer than CollectAsync allows; lifting the cap after the first
        // event must finish it well within that.
        var run = worker.Start(request, CancellationToken.None);
        await run.Events.WaitToReadAsync();
        worker.UpdateJob(request.JobId, JobPriority.Normal, maxBytesPerSecond: null);
        var events = await CollectAsync(run);

        AssertCompleted(events);
        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }
}
