namespace Orleans.Transfer.Worker;

/// <summary>Splits a file into the segments a segmented download fetches, one connection each.</summary>
internal static class SegmentPlanner
{
    // Segment boundaries on 64 KiB: whole pages and file-system blocks for every connection's writes.
    private const long Alignment = 64 * 1024;

    /// <summary>
    /// Up to <paramref name="connections"/> back-to-back segments covering <paramref name="size"/> bytes, each at least
    /// <paramref name="minSegmentBytes"/> long (the last one takes the remainder); null when fewer than two would be:
    /// the file then goes over one connection.
    /// </summary>
    public static IReadOnlyList<FileSegment>? Plan(long size, int connections, long minSegmentBytes)
    {
        var count = (int)Math.Min(connections, size / Math.Max(1, minSegmentBytes));
        if (count < 2)
        {
            return null;
        }

        var length = size / count;
        if (length > Alignment)
        {
            length -= length % Alignment;
        }

        var segments = new FileSegment[count];
        for (var i = 0; i < count; i++)
        {
            var offset = i * length;
            segments[i] = new FileSegment(offset, i == count - 1 ? size - offset : length, Done: 0);
        }

        return segments;
    }
}
