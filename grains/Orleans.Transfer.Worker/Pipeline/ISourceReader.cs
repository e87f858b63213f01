namespace Orleans.Transfer.Worker;

/// <summary>The bytes of one read from a source: a response body, or a span of a local file.</summary>
internal interface ISourceReader
{
    /// <summary>Reads up to <paramref name="buffer"/>'s length; 0 at the end of what the source sends.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
