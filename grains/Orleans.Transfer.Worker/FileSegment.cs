namespace Orleans.Transfer.Worker;

/// <summary>One connection's part of a segmented download, as a checkpoint records it.</summary>
/// <param name="Offset">Where the segment starts in the file.</param>
/// <param name="Length">The segment's bytes.</param>
/// <param name="Done">The bytes from <paramref name="Offset"/> on that are durable in the temp file.</param>
public sealed record FileSegment(long Offset, long Length, long Done)
{
    /// <summary>Where the segment's durable bytes end in the file.</summary>
    public long DoneEnd => Offset + Done;
}
