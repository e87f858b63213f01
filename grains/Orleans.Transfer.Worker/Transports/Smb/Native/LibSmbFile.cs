namespace Orleans.Transfer.Worker;

/// <summary>
/// A file open through libsmbclient. Every call runs on the SMB thread, at most <see cref="SmbOptions.ChunkBytes"/> bytes
/// per call, so that other transfers' calls interleave with a long read or write.
/// </summary>
internal sealed class LibSmbFile(LibSmbClient client, SmbcContext context, nint handle, SmbLocation location,
    SmbCredential? credential, SmbFileInfo info, int chunkBytes) : ISmbFile
{
    private int _closed;

    public SmbFileInfo Info { get; } = info;

    internal SmbcContext Context { get; } = context;

    internal nint Handle { get; } = handle;

    internal SmbLocation Location { get; } = location;

    internal SmbCredential? Credential { get; } = credential;

    public async Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var chunk = buffer[..Math.Min(buffer.Length, chunkBytes)];
        using var pin = chunk.Pin();
        var address = Address(pin);
        return await client.RunAsync(this, "read", context =>
        {
            var errno = context.Read(Handle, offset, address, chunk.Length, out var read);
            return errno == 0 ? read : throw SmbcErrors.Exception(errno, $"read at offset {offset} of", Location);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        for (var done = 0; done < data.Length;)
        {
            var chunk = data.Slice(done, Math.Min(data.Length - done, chunkBytes));
            var at = offset + done;
            using (var pin = chunk.Pin())
            {
                var address = Address(pin);
                await client.RunAsync(this, "write", context =>
                {
                    var errno = context.Write(Handle, at, address, chunk.Length);
                    return errno == 0 ? true : throw SmbcErrors.Exception(errno, $"write at offset {at} of", Location);
                }, cancellationToken).ConfigureAwait(false);
            }

            done += chunk.Length;
        }
    }

    public Task TruncateAsync(long length, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return client.RunAsync(this, "truncate", context =>
        {
            var errno = context.Truncate(Handle, length);
            return errno == 0 ? true : throw SmbcErrors.Exception(errno, $"set the length to {length} of", Location);
        }, cancellationToken);
    }

    public Task<SmbFileInfo> StatAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        return client.RunAsync(this, "look up", context =>
        {
            var errno = context.Fstat(Handle, out var now);
            return errno == 0 ? now! : throw SmbcErrors.Exception(errno, "look up", Location);
        }, cancellationToken);
    }

    // libsmbclient has no flush: each write returned only after the server acknowledged it.
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        return Task.CompletedTask;
    }

    private static unsafe nint Address(System.Buffers.MemoryHandle pin) => (nint)pin.Pointer;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await client.CloseAsync(this).ConfigureAwait(false);
        }
    }
}
