namespace Orleans.Transfer.Worker;

/// <summary>
/// The byte ranges of one file and where they sit in the sink: the segments lie back to back, so a position in the
/// sink maps to (segment, offset within the segment). The whole file is one segment from 0 to the end.
/// </summary>
internal sealed class SegmentMap
{
    private readonly IReadOnlyList<ByteRange> _segments;

    public SegmentMap(IReadOnlyList<ByteRange> ranges)
    {
        IsRanged = ranges.Count > 0;
        _segments = IsRanged ? ranges : [new ByteRange(0, null)];
    }

    /// <summary>True when the request named byte ranges; false for the whole file.</summary>
    public bool IsRanged { get; }

    /// <summary>The remote file's size once known; to-end-of-file segments take their length from it.</summary>
    public long? RemoteSize { get; set; }

    public ByteRange this[int index] => _segments[index];

    /// <summary>A segment's length, or null while it runs to an end of file whose size is not known yet.</summary>
    public long? SegmentLength(int index)
    {
        var segment = _segments[index];
        if (segment.Length is { } length)
        {
            return length;
        }

        return RemoteSize is { } size ? Math.Max(0, size - segment.Offset) : null;
    }

    /// <summary>Finds the segment holding <paramref name="position"/>; false when every segment is complete.</summary>
    public bool TryLocate(long position, out int index, out long within)
    {
        long start = 0;
        for (var i = 0; i < _segments.Count; i++)
        {
            var length = SegmentLength(i);
            if (length is null || position < start + length.Value)
            {
                index = i;
                within = position - start;
                return true;
            }

            start += length.Value;
        }

        index = _segments.Count;
        within = 0;
        return false;
    }

    /// <summary>The bytes the temp file holds when complete, or null while a segment's length is unknown.</summary>
    public long? TotalBytes()
    {
        long total = 0;
        for (var i = 0; i < _segments.Count; i++)
        {
            if (SegmentLength(i) is not { } length)
            {
                return null;
            }

            total += length;
        }

        return total;
    }

    /// <summary>
    /// The remote file's size implied by a checkpoint's total: each to-end-of-file segment is (size - offset) long,
    /// so size = (total - known lengths + their offsets) / their count.
    /// </summary>
    public long? RemoteSizeFrom(long? bytesTotal)
    {
        if (bytesTotal is not { } total)
        {
            return null;
        }

        long known = 0;
        long openOffsets = 0;
        var openCount = 0;
        foreach (var segment in _segments)
        {
            if (segment.Length is { } length)
            {
                known += length;
            }
            else
            {
                openOffsets += segment.Offset;
                openCount++;
            }
        }

        return openCount == 0 ? null : (total - known + openOffsets) / openCount;
    }

    /// <summary>Once the remote size is known, every requested range must lie inside the file.</summary>
    public void ValidateRanges(string displayName)
    {
        if (!IsRanged || RemoteSize is not { } size)
        {
            return;
        }

        foreach (var range in _segments)
        {
            var end = range.Length is { } length ? range.Offset + length : size;
            if (range.Offset >= size || end > size)
            {
                var text = range.Length is { } l ? $"{range.Offset}-{range.Offset + l - 1}" : $"{range.Offset}-";
                throw new TransferFailedException(TransferFailures.InvalidRange(
                    displayName, $"bytes {text} lie outside the remote file of {size} bytes."));
            }
        }
    }
}
