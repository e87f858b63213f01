using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>A run stopped while its source stalls reports the checkpoint its last finished flush made durable.</summary>
public sealed class StoppedRunTests : WorkerTestBase
{
    // The tests' checkpoint size (TestWorker): the write that reaches it queues the run's one flush after Connected.
    private const int StallPoint = 512 * 1024;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds: the run's last event is the checkpoint of the flush queued before the stop. No later write reported it,
    /// so the job kept the previous checkpoint (here none) although the bytes were durable.
    /// </summary>
    [Fact]
    public async Task Start_StoppedWhileTheSourceStalls_ReportsTheCheckpointItsLastFlushMadeDurable()
    {
        var file = Origin.AddGenerated("stopped.bin", 2 * MiB, seed: 51);
        file.StallAfter(StallPoint);
        var request = Request(Origin.UrlFor("stopped.bin").ToString());

        // The stall never times out on a clock that does not move: only the stop ends the run.
        await using var services = CreateServices(time: new FakeTimeProvider());
        using var stop = new CancellationTokenSource();
        var run = services.GetRequiredService<ITransferWorker>().Start(request, stop.Token);

        // The write that reaches the stall point queues its checkpoint's flush before the run reads (and waits) again.
        Assert.True(SpinWait.SpinUntil(() => run.LiveBytes == StallPoint, s_timeout));
        await stop.CancelAsync();
        var events = await CollectAsync(run);
        await run.Completion.WaitAsync(s_timeout);

        Assert.Equal([TransferEventKind.Connected, TransferEventKind.Checkpoint], events.Select(e => e.Kind));
        Assert.Equal(StallPoint, events[^1].Checkpoint.BytesWritten);
        Assert.NotNull(events[^1].Checkpoint.TempFile);
        Assert.Equal(StallPoint, new FileInfo(request.TempPath).Length);
    }
}
