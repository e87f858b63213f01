namespace Orleans.Transfer;

/// <summary>A byte range of a remote file (BITS <c>BG_FILE_RANGE</c>); a null length means "to the end of the file".</summary>
/// <param name="Offset">Zero-based offset of the first byte.</param>
/// <param name="Length">Number of bytes, or null for the rest of the file.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.ByteRange")]
public sealed record ByteRange(long Offset, long? Length);
