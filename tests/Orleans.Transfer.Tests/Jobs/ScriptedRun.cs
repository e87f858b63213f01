using System.Threading.Channels;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// One fake worker run that the test drives event by event. Like the real worker, cancelling its token ends it; its
/// completion can be held to see what waits for it.
/// </summary>
internal sealed class ScriptedRun
{
    private readonly Channel<TransferEvent> _events = Channel.CreateUnbounded<TransferEvent>();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _liveBytes;
    private JobYieldInfo? _yield;
    private bool _holdCompletion;

    public ScriptedRun(FileTransferRequest request, CancellationToken cancellationToken)
    {
        Request = request;
        Run = new TransferRun(_events.Reader, _completion.Task, () => Interlocked.Read(ref _liveBytes), () => Volatile.Read(ref _yield));
        cancellationToken.Register(() =>
        {
            Cancelled = true;
            if (OnCancel is { } last)
            {
                _events.Writer.TryWrite(last);
            }

            _events.Writer.TryComplete();
            if (!_holdCompletion)
            {
                _completion.TrySetResult();
            }
        });
    }

    public FileTransferRequest Request { get; }

    public TransferRun Run { get; }

    public bool Cancelled { get; private set; }

    /// <summary>An event the run reports as it is cancelled, e.g. a checkpoint or failure that raced the cancellation.</summary>
    public TransferEvent? OnCancel { get; set; }

    /// <summary>Completes once the loop has read every event and the end of the run's events.</summary>
    public Task Drained => _events.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30));

    public long LiveBytes { set => Interlocked.Exchange(ref _liveBytes, value); }

    /// <summary>How the run yields, as the worker would report it; null while its connection is not controlled.</summary>
    public JobYieldInfo? Yield { set => Volatile.Write(ref _yield, value); }

    public static FileCheckpoint At(long bytes, long total) => new(bytes, total, "\"v1\"", null, false);

    /// <summary>Keeps <see cref="TransferRun.Completion"/> pending after the run ends, until <see cref="ReleaseCompletion"/>.</summary>
    public void HoldCompletion() => _holdCompletion = true;

    public void ReleaseCompletion() => _completion.TrySetResult();

    public void Connected(long total) => Write(new TransferEvent(TransferEventKind.Connected, At(0, total)));

    public void Checkpoint(long bytes, long total) => Write(new TransferEvent(TransferEventKind.Checkpoint, At(bytes, total)));

    public void Complete(long total) => End(new TransferEvent(TransferEventKind.Completed, At(total, total)));

    public void Fail(TransferFailure failure, long bytes, long total) => End(new TransferEvent(TransferEventKind.Failed, At(bytes, total), failure));

    public void Write(TransferEvent transferEvent) => Assert.True(_events.Writer.TryWrite(transferEvent));

    /// <summary>Reports <paramref name="transferEvent"/> as the run's last (Completed or Failed), and ends it.</summary>
    public void End(TransferEvent transferEvent)
    {
        Write(transferEvent);
        _events.Writer.TryComplete();
        if (!_holdCompletion)
        {
            _completion.TrySetResult();
        }
    }
}
