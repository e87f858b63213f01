namespace Orleans.Transfer.Worker;

/// <summary>A response body as an <see cref="ISourceReader"/>.</summary>
internal sealed class HttpBodyReader(Stream body) : ISourceReader
{
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        body.ReadAsync(buffer, cancellationToken);
}
