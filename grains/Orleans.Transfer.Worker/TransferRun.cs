using System.Threading.Channels;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Worker;

/// <summary>A file transfer running on the thread pool, reporting to the grain through <see cref="Events"/>.</summary>
/// <param name="events">
/// Events in order; the channel completes after a Completed or Failed event, or when the run was stopped, after the
/// checkpoint its finished flushes made durable, if no event reported it yet.
/// </param>
/// <param name="completion">Completes when the worker no longer touches the local file or the sink.</param>
/// <param name="liveBytes">Reads bytes written so far (not necessarily durable), for live progress.</param>
/// <param name="yieldStatus">Reads how the run yields to foreground traffic now (null when it is not controlled).</param>
public sealed class TransferRun(
    ChannelReader<TransferEvent> events,
    Task completion,
    Func<long> liveBytes,
    Func<JobYieldInfo?>? yieldStatus = null)
{
    /// <summary>Events in order; ends after a Completed or Failed event.</summary>
    public ChannelReader<TransferEvent> Events { get; } = events;

    /// <summary>Completes (never faults) when the worker has stopped and closed its sink.</summary>
    public Task Completion { get; } = completion;

    /// <summary>Bytes written to the sink so far, including bytes not yet checkpointed.</summary>
    public long LiveBytes => liveBytes();

    /// <summary>How the run yields to foreground traffic now: null unless it reads from a yield-controlled connection.</summary>
    public JobYieldInfo? Yield => yieldStatus?.Invoke();
}
