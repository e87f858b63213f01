using System.Threading.Channels;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// The silo's real worker, but a closed <see cref="TestGate"/> holds each run's last event (Completed or Failed) until
/// the test opens it: the job stays Transferring with all its bytes written, and its run loop goes on as the gate opens.
/// </summary>
internal sealed class GatedWorker(ITransferWorker inner, TestGate gate) : ITransferWorker
{
    public TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken)
    {
        var run = inner.Start(request, cancellationToken);
        var events = Channel.CreateUnbounded<TransferEvent>();
        _ = ForwardAsync(run.Events, events.Writer, cancellationToken);
        return new TransferRun(events.Reader, run.Completion, () => run.LiveBytes, () => run.Yield);
    }

    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond) => inner.UpdateJob(jobId, priority, maxBytesPerSecond);

    private async Task ForwardAsync(ChannelReader<TransferEvent> from, ChannelWriter<TransferEvent> to, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in from.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (e.Kind is TransferEventKind.Completed or TransferEventKind.Failed)
                {
                    await gate.PassAsync(cancellationToken).ConfigureAwait(false);
                }

                await to.WriteAsync(e, CancellationToken.None).ConfigureAwait(false);
            }

            to.Complete();
        }
        catch (Exception e)
        {
            // The run was cancelled while held, or its events ended with an error: the reader sees it as it would have.
            to.Complete(e);
        }
    }
}
