namespace Orleans.Transfer.Worker;

/// <summary>
/// Where a transfer's bytes go: the temp file of a download today, a remote upload later. Bytes are written in order
/// at increasing positions; a checkpoint is durable once <see cref="FlushToDisk"/> returned. Used by one run at a
/// time; <see cref="FlushToDisk"/> may run on another thread while writes go on.
/// </summary>
internal interface ITransferSink : IDisposable
{
    /// <summary>True between a successful <see cref="Open"/> or <see cref="Replace"/> and <see cref="IDisposable.Dispose"/>.</summary>
    bool IsOpen { get; }

    /// <summary>Opens the sink, keeping its first <paramref name="durableBytes"/> when it still holds them; true if kept.</summary>
    bool Open(long durableBytes);

    /// <summary>Writes <paramref name="data"/> at <paramref name="position"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken);

    /// <summary>Makes every byte written so far durable; throws the raw I/O exception (see <see cref="FlushFailed"/>).</summary>
    void FlushToDisk();

    /// <summary>The failure to report when <see cref="FlushToDisk"/> threw <paramref name="exception"/>.</summary>
    TransferFailedException FlushFailed(Exception exception);

    /// <summary>Drops every byte from <paramref name="length"/> on.</summary>
    void Truncate(long length);

    /// <summary>Throws a <see cref="TempFileLostException"/> when someone else deleted or changed the written bytes.</summary>
    void EnsureIntact(long position);

    /// <summary>Starts again empty after <see cref="EnsureIntact"/> failed.</summary>
    void Replace();
}
