namespace Orleans.Transfer.Worker;

/// <summary>A segment's response body; disposing it closes the response (and its connection, when bytes were left unread).</summary>
internal sealed class HttpSegmentBody(HttpResponseMessage response, Stream body) : ISegmentBody
{
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        body.ReadAsync(buffer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await body.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }
}
