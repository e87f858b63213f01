using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Storage.History;

namespace Orleans.Transfer.Grains.History;

/// <summary>
/// Writes job history off the grains' path: a grain hands an entry over (<see cref="Append"/> never waits), one loop
/// per silo writes what has accumulated in one transaction, so a burst of entries costs one write, not one each. On a
/// clean stop the entries still waiting are written; a crash loses at most the entries of the write in progress.
/// A write that fails is logged (event 7210) and its entries dropped: history never holds up or fails a job.
/// </summary>
internal sealed partial class JobHistoryWriter(IJobHistory history, ILogger<JobHistoryWriter> logger) : BackgroundService
{
    /// <summary>Entries per write at most.</summary>
    internal const int BatchSize = 256;

    private readonly Channel<JobHistoryRecord> _pending = Channel.CreateUnbounded<JobHistoryRecord>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the entry for the next write; dropped only once the silo is stopping and the last write ran.</summary>
    public void Append(JobHistoryRecord record) => _pending.Writer.TryWrite(record);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Ends the loop once what is queued has been written.
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<JobHistoryRecord>(BatchSize);

        // Not the stopping token: at a stop the queue is completed, and drained first.
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < BatchSize && _pending.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            try
            {
                await history.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogWriteFailed(logger, e, batch.Count);
            }

            batch.Clear();
        }
    }
}
