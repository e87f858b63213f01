namespace Orleans.Transfer.Worker;

/// <summary>A file on a share opened through its UNC path; positional reads and writes on its handle. Unverified on Windows.</summary>
internal sealed class WindowsSmbFile : ISmbFile
{
    private readonly FileStream _stream;
    private readonly SmbLocation _location;
    private readonly int _chunkBytes;
    private readonly Action _release;
    private int _closed;

    public WindowsSmbFile(FileStream stream, SmbLocation location, int chunkBytes, Action release)
    {
        _stream = stream;
        _location = location;
        _chunkBytes = chunkBytes;
        _release = release;
        Info = Stat();
    }

    public SmbFileInfo Info { get; }

    public async Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        try
        {
            return await RandomAccess.ReadAsync(_stream.SafeFileHandle, buffer[..Math.Min(buffer.Length, _chunkBytes)], offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException and not SmbException or UnauthorizedAccessException)
        {
            throw WindowsSmbErrors.Exception(ex, $"read at offset {offset} of", _location);
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(_stream.SafeFileHandle, data, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException and not SmbException or UnauthorizedAccessException)
        {
            throw WindowsSmbErrors.Exception(ex, $"write at offset {offset} of", _location);
        }
    }

    public Task TruncateAsync(long length, CancellationToken cancellationToken) =>
        RunAsync(() => _stream.SetLength(length), $"set the length to {length} of", cancellationToken);

    public async Task<SmbFileInfo> StatAsync(CancellationToken cancellationToken)
    {
        SmbFileInfo? info = null;
        await RunAsync(() => info = Stat(), "look up", cancellationToken).ConfigureAwait(false);
        return info!;
    }

    // FlushFileBuffers, which the redirector sends as SMB2 FLUSH.
    public Task FlushAsync(CancellationToken cancellationToken) => RunAsync(() => _stream.Flush(flushToDisk: true), "flush", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _release();
        }
    }

    private SmbFileInfo Stat() => new(RandomAccess.GetLength(_stream.SafeFileHandle), File.GetLastWriteTimeUtc(_stream.SafeFileHandle), IsDirectory: false);

    private async Task RunAsync(Action call, string action, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException and not SmbException or UnauthorizedAccessException)
        {
            throw WindowsSmbErrors.Exception(ex, action, _location);
        }
    }
}
