using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Tests.Costs;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// The run loop's files in flight against a scripted worker and a recording host, without a cluster: the order of
/// starts, writes and events, in-order completion, failures and cancellation.
/// </summary>
public sealed class JobRunnerFlightTests
{
    private const long Size = 100;
    private static readonly TransferFailure s_notFound = new(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "404.", 404, IsTransient: false);
    private static readonly TransferFailure s_dropped = new(TransferErrorCode.NetworkError, ErrorContext.Transport, "reset.", null, IsTransient: true);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly RunLog _log = new();
    private readonly ScriptedWorker _worker;
    private readonly ServerConnectionCap _connections = new(6);
    private TransferJobState _job = new();

    public JobRunnerFlightTests() => _worker = new ScriptedWorker(_log);

    private JobRunnerFlight NewFlight(int files, int maxParallelFiles, TransferDirection direction = TransferDirection.Download)
    {
        _job = new TransferJobState
        {
            Exists = true,
            State = JobState.Queued,
            Files = [.. Enumerable.Range(0, files).Select(i => new JobFileState { RemoteUrl = $"http://origin/{i}", TempPath = $"/tmp/.f{i}.tmp" })],
        };
        var job = _job;
        var jobId = Guid.NewGuid();
        var requests = new JobRunRequests(jobId, () => job, TestSecrets.For(job), f => new FileRun(f, direction));
        return new JobRunnerFlight(jobId, () => job, new RecordingRunHost(job, _log), _worker, requests, _clock, NullLogger.Instance, maxParallelFiles, _connections);
    }

    /// <summary>A flight of three files, all in flight once this returns.</summary>
    private async Task<(Task<bool> Running, ScriptedRun[] Runs)> StartThreeAsync(CancellationToken cancellationToken)
    {
        var running = NewFlight(files: 3, maxParallelFiles: 3).RunAsync(cancellationToken);
        return (running, await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2)));
    }

    [Fact]
    public async Task OneFileAtATime_StartsTheNextFileOnlyAfterTheWorkerLetGoOfTheLast()
    {
        var flight = NewFlight(files: 2, maxParallelFiles: 1);
        var running = flight.RunAsync(CancellationToken.None);

        var first = await _worker.StartedAsync(0);
        first.HoldCompletion();
        first.Connected(Size);
        first.Checkpoint(50, Size);
        first.Complete(Size);
        await _log.WhenLogged("transferred 0");
        Assert.Equal(["state Connecting", "start 0", "state Transferring", "persist", "transferred 0"], _log.Entries);

        first.ReleaseCompletion();
        var second = await _worker.StartedAsync(1);
        second.Complete(Size);

        Assert.True(await running);
        Assert.Equal(["state Connecting", "start 0", "state Transferring", "persist", "transferred 0", "start 1", "transferred 1"], _log.Entries);
        Assert.All(_job.Files, f => Assert.True(f.Completed));
    }

    [Fact]
    public async Task TheKindsDirection_ReachesTheWorkersRequest()
    {
        var flight = NewFlight(files: 1, maxParallelFiles: 1, TransferDirection.Upload);
        var running = flight.RunAsync(CancellationToken.None);

        var run = await _worker.StartedAsync(0);
        run.Complete(Size);

        Assert.True(await running);
        Assert.Equal(TransferDirection.Upload, run.Request.Direction);
    }

    [Fact]
    public async Task WhileOtherFilesAreLeft_EachFileTakesOneConnection()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 2);
        var running = flight.RunAsync(CancellationToken.None);

        var first = await _worker.StartedAsync(0);
        var second = await _worker.StartedAsync(1);
        Assert.True(first.Request.SingleConnection);
        Assert.True(second.Request.SingleConnection);
        first.Complete(Size);
        var third = await _worker.StartedAsync(2);
        Assert.True(third.Request.SingleConnection);
        second.Complete(Size);
        third.Complete(Size);
        Assert.True(await running);
    }

    [Fact]
    public async Task OnceTheJobIsTransferring_LaterFilesConnectQuietly()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 2);
        var running = flight.RunAsync(CancellationToken.None);

        var first = await _worker.StartedAsync(0);
        var second = await _worker.StartedAsync(1);
        Assert.False(first.Request.QuietConnect);
        Assert.False(second.Request.QuietConnect);
        first.Connected(Size);
        first.Complete(Size);
        var third = await _worker.StartedAsync(2);
        Assert.True(third.Request.QuietConnect);

        // A quiet file's Completed alone carries its facts, and it completes like any other.
        second.Complete(Size);
        third.Complete(Size);
        Assert.True(await running);
        Assert.Single(_log.Entries, "state Transferring");
        Assert.All(_job.Files, f => Assert.True(f.Completed));
    }

    [Fact]
    public async Task EveryFileInFlight_SharesTheJobsConnectionCap_AndStillCompletesInOrder()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 3);
        var running = flight.RunAsync(CancellationToken.None);

        var runs = new[] { await _worker.StartedAsync(0), await _worker.StartedAsync(1), await _worker.StartedAsync(2) };
        Assert.All(runs, r => Assert.Same(_connections, r.Request.Connections));
        runs[2].Complete(Size);
        runs[1].Complete(Size);
        runs[0].Complete(Size);

        Assert.True(await running);
        Assert.Equal(["transferred 0", "transferred 1", "transferred 2"], _log.Entries.Where(e => e.StartsWith("transferred", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AJobsOnlyFileLeft_MaySplitIntoSegments()
    {
        var flight = NewFlight(files: 1, maxParallelFiles: 2);
        var running = flight.RunAsync(CancellationToken.None);

        var only = await _worker.StartedAsync(0);
        Assert.False(only.Request.SingleConnection);
        only.Complete(Size);
        Assert.True(await running);
    }

    [Fact]
    public async Task ThreeInFlight_LaterFilesFinishFirst_CompleteInFileOrder()
    {
        var flight = NewFlight(files: 4, maxParallelFiles: 3);
        var running = flight.RunAsync(CancellationToken.None);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));

        runs[1].Connected(Size);
        runs[2].Connected(Size);
        runs[2].Complete(Size);
        runs[1].Complete(Size);
        await Task.WhenAll(runs[1].Drained, runs[2].Drained);

        // The loop reads one event at a time: once it wrote this checkpoint it has handled both completions.
        runs[0].Checkpoint(20, Size);
        await _log.WhenLogged("persist");

        // Held: their facts are kept so nothing is fetched again, but they are not completed and nothing was raised.
        Assert.DoesNotContain(_log.Entries, e => e.StartsWith("transferred", StringComparison.Ordinal) || e == "start 3");
        Assert.Single(_log.Entries, "state Transferring");
        Assert.All(_job.Files.Skip(1).Take(2), f => Assert.Equal((Size, false), (f.BytesTransferred, f.Completed)));

        runs[0].Complete(Size);
        var last = await _worker.StartedAsync(3);
        Assert.Equal(["transferred 0", "transferred 1", "transferred 2", "start 3"], _log.Entries.SkipWhile(e => !e.StartsWith("transferred", StringComparison.Ordinal)));
        Assert.All(_job.Files.Take(3), f => Assert.True(f.Completed));

        last.Complete(Size);
        Assert.True(await running);
        Assert.Equal("transferred 3", _log.Entries[^1]);
    }

    /// <summary>
    /// Adds: a file restarted for a new version of its source (no event of its own under a quiet connect) that
    /// completes before a checkpoint of that version: the file and the job's progress end at the new version's size,
    /// larger, smaller or empty, never the old version's or none.
    /// </summary>
    [Theory]
    [InlineData(Size)]
    [InlineData(10)]
    [InlineData(0)]
    public async Task FileRestartedForANewVersion_CompletingBeforeItsFirstCheckpoint_EndsAtTheNewSize(long newSize)
    {
        var flight = NewFlight(files: 1, maxParallelFiles: 1);
        var running = flight.RunAsync(CancellationToken.None);
        var run = await _worker.StartedAsync(0);
        run.Connected(80);
        run.Checkpoint(20, 80);

        run.Complete(newSize);

        Assert.True(await running);
        Assert.Equal((newSize, newSize, true), (_job.Files[0].BytesTotal, _job.Files[0].BytesTransferred, _job.Files[0].Completed));
        var projector = new JobProjector(Guid.NewGuid(), () => _job, new FixedLiveProgress(), TestCosts.For(() => _job), "127.0.0.1:11111@1");
        Assert.Equal(new JobProgress(newSize, newSize, 1, 1), projector.ComputeProgress(live: true));
        Assert.Equal(new JobProgress(newSize, newSize, 1, 1), projector.ComputeProgress(live: false));
    }

    [Fact]
    public async Task LiveBytes_CoverEveryFileInFlight()
    {
        var flight = NewFlight(files: 4, maxParallelFiles: 3);
        using var cancel = new CancellationTokenSource();
        var running = flight.RunAsync(cancel.Token);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));
        runs[0].LiveBytes = 42;
        runs[2].LiveBytes = 7;

        Assert.Equal(42, flight.LiveBytes(0, 10));
        Assert.Equal(5, flight.LiveBytes(1, 5));
        Assert.Equal(10, flight.LiveBytes(2, 10));
        Assert.Equal(7, flight.LiveBytes(2, 3));
        Assert.Equal(9, flight.LiveBytes(3, 9));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task LiveYield_IsTheRunsWhileItRuns_AndNullBeforeAndAfter()
    {
        var flight = NewFlight(files: 1, maxParallelFiles: 1);
        Assert.Null(flight.LiveYield());
        var running = flight.RunAsync(CancellationToken.None);
        var run = await _worker.StartedAsync(0);
        run.Connected(Size);
        await _log.WhenLogged("state Transferring");
        Assert.Null(flight.LiveYield());

        var yielding = new JobYieldInfo(Yielding: true, WindowBytes: 12 * 1024, RateBytesPerSecond: 1_250_000, "eth0", "tcp-timestamps");
        run.Yield = yielding;
        Assert.Equal(yielding, flight.LiveYield());

        run.Complete(Size);
        Assert.True(await running);
        Assert.Null(flight.LiveYield());
    }

    [Fact]
    public async Task LiveYield_CombinesTheFilesInFlight()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 3);
        using var cancel = new CancellationTokenSource();
        var running = flight.RunAsync(cancel.Token);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));

        // The loop reads events only once it has started every file it can: after this one, all three are in flight.
        runs[0].Connected(Size);
        await _log.WhenLogged("state Transferring");
        runs[1].Yield = new JobYieldInfo(Yielding: false, WindowBytes: 4096, RateBytesPerSecond: 1000, "eth0", "icmp");
        runs[2].Yield = new JobYieldInfo(Yielding: true, WindowBytes: 8192, RateBytesPerSecond: 3000, "wlan0", "tcp-timestamps");

        Assert.Equal(new JobYieldInfo(Yielding: true, WindowBytes: 12288, RateBytesPerSecond: 4000, "eth0", "icmp"), flight.LiveYield());

        runs[0].Yield = new JobYieldInfo(Yielding: false, WindowBytes: 1024, RateBytesPerSecond: null, "eth1", "none");
        Assert.Equal(new JobYieldInfo(Yielding: true, WindowBytes: 13312, RateBytesPerSecond: null, "eth1", "none"), flight.LiveYield());

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Null(flight.LiveYield());
    }

    [Fact]
    public async Task FailedFile_StopsTheOthers_KeepsTheirFlushedBytes_AndFailsTheJobOnce()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 3);
        var running = flight.RunAsync(CancellationToken.None);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));
        runs[0].Checkpoint(40, Size);
        runs[2].OnCancel = new TransferEvent(TransferEventKind.Checkpoint, ScriptedRun.At(70, Size));

        runs[1].Fail(s_notFound, bytes: 10, Size);

        Assert.False(await running);
        Assert.Equal(["fail 1 HttpStatus"], _log.Entries.Where(e => e.StartsWith("fail", StringComparison.Ordinal)));
        Assert.Equal("fail 1 HttpStatus", _log.Entries[^1]);
        Assert.True(runs[0].Cancelled && runs[2].Cancelled);
        Assert.Equal([40L, 10L, 70L], _job.Files.Select(f => f.BytesTransferred));
        Assert.DoesNotContain(_job.Files, f => f.Completed);
    }

    [Fact]
    public async Task SeveralFilesFailed_TheJobFailsForTheLowestOne()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 3);
        var running = flight.RunAsync(CancellationToken.None);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));
        runs[0].OnCancel = new TransferEvent(TransferEventKind.Failed, ScriptedRun.At(5, Size), s_dropped);

        runs[2].Fail(s_notFound, bytes: 0, Size);

        Assert.False(await running);
        Assert.Equal(["fail 0 NetworkError"], _log.Entries.Where(e => e.StartsWith("fail", StringComparison.Ordinal)));
        Assert.Equal(5, _job.Files[0].BytesTransferred);
    }

    [Fact]
    public async Task MaxDownloadTimeExceeded_FailsOnTheReportingFile_AndStopsTheOthers()
    {
        var flight = NewFlight(files: 2, maxParallelFiles: 2);
        _job.MaxDownloadTime = TimeSpan.FromHours(1);
        var running = flight.RunAsync(CancellationToken.None);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1));
        _job.DownloadingSince = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromHours(2));

        runs[1].Checkpoint(30, Size);

        Assert.False(await running);
        Assert.Equal("fail 1 MaxDownloadTimeExceeded", _log.Entries[^1]);
        Assert.True(runs[0].Cancelled && runs[1].Cancelled);
        Assert.Equal(30, _job.Files[1].BytesTransferred);
    }

    /// <summary>
    /// Adds: a flight stopped from outside (Suspend, pre-emption, deactivation) keeps the checkpoints its stopped runs
    /// hand over, for the write that follows the stop; a Completed event that raced the stop is not acted on.
    /// </summary>
    [Fact]
    public async Task Cancelled_KeepsTheCheckpointsTheStoppedRunsHandOver()
    {
        using var cancel = new CancellationTokenSource();
        var (running, runs) = await StartThreeAsync(cancel.Token);
        runs[0].Checkpoint(40, Size);
        await _log.WhenLogged("persist");
        runs[0].OnCancel = new TransferEvent(TransferEventKind.Checkpoint, ScriptedRun.At(60, Size));
        runs[1].OnCancel = new TransferEvent(TransferEventKind.Checkpoint, ScriptedRun.At(30, Size));
        runs[2].OnCancel = new TransferEvent(TransferEventKind.Completed, ScriptedRun.At(Size, Size));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal([60L, 30L, 0L], _job.Files.Select(f => f.BytesTransferred));
        Assert.DoesNotContain(_job.Files, f => f.Completed);
    }

    [Fact]
    public async Task Cancelled_StopsEveryRun_WaitsForThem_AndFailsNothing()
    {
        var flight = NewFlight(files: 3, maxParallelFiles: 3);
        using var cancel = new CancellationTokenSource();
        var running = flight.RunAsync(cancel.Token);
        var runs = await Task.WhenAll(_worker.StartedAsync(0), _worker.StartedAsync(1), _worker.StartedAsync(2));
        runs[1].HoldCompletion();

        await cancel.CancelAsync();
        Assert.All(runs, r => Assert.True(r.Cancelled));
        await Task.WhenAll(runs[0].Run.Completion, runs[2].Run.Completion);
        Assert.False(running.IsCompleted, "the loop waits until every worker run let go of its file");

        runs[1].ReleaseCompletion();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.DoesNotContain(_log.Entries, e => e.StartsWith("fail", StringComparison.Ordinal));
    }
}
