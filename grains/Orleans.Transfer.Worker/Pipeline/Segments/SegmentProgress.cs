namespace Orleans.Transfer.Worker;

/// <summary>
/// One segment of a segmented download while it runs: only its own connection advances it; any thread may read it.
/// </summary>
internal sealed class SegmentProgress(long offset, long length, long written)
{
    private long _written = written;

    /// <summary>Where the segment starts in the file.</summary>
    public long Offset { get; } = offset;

    /// <summary>The segment's bytes.</summary>
    public long Length { get; } = length;

    /// <summary>Where the segment ends in the file (exclusive).</summary>
    public long End => Offset + Length;

    /// <summary>Bytes written from <see cref="Offset"/> on (not necessarily durable).</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>The next byte of the file this segment fetches.</summary>
    public long Position => Offset + Written;

    public long Remaining => Length - Written;

    public bool IsComplete => Written >= Length;

    /// <summary>Counts <paramref name="bytes"/> written at <see cref="Position"/>; called by the segment's connection only.</summary>
    public void Advance(int bytes) => Volatile.Write(ref _written, _written + bytes);
}
