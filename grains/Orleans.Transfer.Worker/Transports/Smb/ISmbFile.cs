namespace Orleans.Transfer.Worker;

/// <summary>An open file on a share. Reads and writes are positional; one caller at a time.</summary>
internal interface ISmbFile : IAsyncDisposable
{
    /// <summary>The file's size and last-write time when it was opened.</summary>
    SmbFileInfo Info { get; }

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; 0 at the end of the file.</summary>
    Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken);

    /// <summary>Cuts or extends the file to <paramref name="length"/> bytes.</summary>
    Task TruncateAsync(long length, CancellationToken cancellationToken);

    /// <summary>The file's size and last-write time now.</summary>
    Task<SmbFileInfo> StatAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Returns once the server holds every byte written (SMB2 FLUSH where the platform offers it; libsmbclient has no
    /// flush call, and a write returns only after the server acknowledged it).
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
