namespace Orleans.Transfer.Worker;

/// <summary>
/// The segments of a download fetched over several connections at once, back to back from byte 0: their progress
/// (<see cref="Written"/> is the file's, for live progress), the contiguous prefix a digest can hash, and the snapshot
/// a checkpoint records.
/// </summary>
internal sealed class ParallelSegments
{
    private readonly SegmentProgress[] _segments;

    public ParallelSegments(IReadOnlyList<FileSegment> segments)
    {
        _segments = [.. segments.Select(s => new SegmentProgress(s.Offset, s.Length, s.Done))];
        Size = _segments[^1].End;
    }

    public IReadOnlyList<SegmentProgress> All => _segments;

    /// <summary>The file's size: where the last segment ends.</summary>
    public long Size { get; }

    /// <summary>Bytes written over all segments.</summary>
    public long Written => _segments.Sum(s => s.Written);

    /// <summary>Where the bytes written from byte 0 on without a gap end.</summary>
    public long ContiguousEnd => _segments.FirstOrDefault(s => !s.IsComplete)?.Position ?? Size;

    /// <summary>The first segment not complete, or null when every one is.</summary>
    public SegmentProgress? FirstIncomplete => _segments.FirstOrDefault(s => !s.IsComplete);

    /// <summary>Each segment with its bytes written so far, for a checkpoint taken before the flush that makes them durable.</summary>
    public IReadOnlyList<FileSegment> Snapshot() => [.. _segments.Select(s => new FileSegment(s.Offset, s.Length, s.Written))];

    /// <summary>How much of the temp file a resume keeps: up to the last durable byte of any segment.</summary>
    public static long Extent(IReadOnlyList<FileSegment> segments) => segments.Max(s => s.DoneEnd);

    /// <summary>
    /// True when a checkpoint's segments can be resumed: two or more, back to back from 0 to <paramref name="total"/>,
    /// each with its durable bytes inside it, summing to <paramref name="written"/> (stored state is not trusted blindly).
    /// </summary>
    public static bool Fits(IReadOnlyList<FileSegment> segments, long? total, long written)
    {
        if (segments.Count < 2 || total is null)
        {
            return false;
        }

        long offset = 0;
        long done = 0;
        foreach (var segment in segments)
        {
            if (segment.Offset != offset || segment.Length <= 0 || segment.Done < 0 || segment.Done > segment.Length)
            {
                return false;
            }

            offset += segment.Length;
            done += segment.Done;
        }

        return offset == total && done == written;
    }
}
