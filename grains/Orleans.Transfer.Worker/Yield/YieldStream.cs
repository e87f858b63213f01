namespace Orleans.Transfer.Worker;

/// <summary>
/// The stream of a yield-controlled connection: reads are counted for the controller (and for the job in
/// <see cref="YieldScope"/>), and, while the link has a rate cap, granted a quantum at a time and paced through the
/// link's shared token bucket. Writes pass through. Disposing it takes the connection out of the link.
/// </summary>
internal sealed class YieldStream(Stream inner, YieldConnection connection) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var quantum = connection.Link.Quantum;
        var read = await inner.ReadAsync(buffer.Length > quantum ? buffer[..quantum] : buffer, cancellationToken).ConfigureAwait(false);
        connection.CountRead(read, YieldScope.Current);
        if (read > 0)
        {
            await connection.Link.PaceAsync(read, cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads (HttpClient.Send) are counted but not paced: pacing would block a thread.
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        connection.CountRead(read, YieldScope.Current);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        connection.Dispose();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
