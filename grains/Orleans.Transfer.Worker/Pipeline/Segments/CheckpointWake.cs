namespace Orleans.Transfer.Worker;

/// <summary>
/// When the segments of a segmented download wake their coordinator: once the bytes written reach the next checkpoint,
/// a quarter of the checkpoint interval after the last wake (so a slow link still checkpoints on time, as often as one
/// segment's fill ends there), or when a segment is complete (the lead's end lets the digests catch up). Waking it at
/// every write was a thread-pool hand-off per buffer and segment, over a thousand per GiB (docs/benchmarks.md, "the
/// read loop"). Called by every segment's thread.
/// </summary>
internal sealed class CheckpointWake(TimeSpan checkpointInterval, TimeProvider time)
{
    private readonly TimeSpan _quarter = checkpointInterval / 4;
    private long _wokenAt = time.GetTimestamp();

    /// <summary>True when the coordinator should wake now; the caller then wakes it.</summary>
    public bool ShouldWake(long written, long nextCheckpoint, bool segmentComplete)
    {
        if (!segmentComplete && written < nextCheckpoint && time.GetElapsedTime(Interlocked.Read(ref _wokenAt)) < _quarter)
        {
            return false;
        }

        Interlocked.Exchange(ref _wokenAt, time.GetTimestamp());
        return true;
    }
}
