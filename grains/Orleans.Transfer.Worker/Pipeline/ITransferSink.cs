namespace Orleans.Transfer.Worker;

/// <summary>
/// Where a transfer's bytes go: the local temp file of a download (<see cref="TempFileSink"/>), or the remote side of
/// an upload (made by an <see cref="IUploadTransport"/>). Bytes are written in order at increasing positions; they are
/// durable once <see cref="Flush"/> returned: on disk for a file, acknowledged by the receiver for a remote. Used by
/// one run at a time; <see cref="Flush"/> may run on another thread while writes go on.
/// </summary>
internal interface ITransferSink : IDisposable
{
    /// <summary>The destination's name without credentials, for logs and messages.</summary>
    string DisplayName { get; }

    /// <summary>True between a successful <see cref="OpenAsync"/> or <see cref="Replace"/> and <see cref="IDisposable.Dispose"/>.</summary>
    bool IsOpen { get; }

    /// <summary>
    /// Opens the sink to resume after the checkpoint's <paramref name="durableBytes"/> and returns the bytes it
    /// actually holds, where writing goes on: the checkpoint, 0 when those bytes are gone, or what a remote receiver
    /// reports (less or more than the checkpoint), at most the file's size.
    /// </summary>
    ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> at <paramref name="position"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken);

    /// <summary>
    /// Reads back bytes written at <paramref name="position"/> (a download's kept prefix, hashed for its digest);
    /// returns the bytes read, 0 at the end. Only sinks that hold their bytes locally can.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, long position, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{DisplayName} cannot be read back.");

    /// <summary>
    /// Makes every byte written so far durable (fsync, or waiting for the receiver's acknowledgement; it may block, and
    /// runs on the thread pool). Throws the raw <see cref="IOException"/>, mapped by <see cref="FlushFailed"/>, or an
    /// already classified <see cref="TransferFailedException"/> or <see cref="TransientNetworkException"/>.
    /// </summary>
    void Flush();

    /// <summary>
    /// True when <see cref="Flush"/> waits only on this machine's disk (a local file's fsync), so a finished file's final
    /// flush may run on the silo's <see cref="FileFlusher"/>; false for sinks whose flush waits on the network.
    /// </summary>
    bool FlushesLocally => false;

    /// <summary>The failure to report when <see cref="Flush"/> threw the I/O exception <paramref name="exception"/>.</summary>
    TransferFailedException FlushFailed(Exception exception);

    /// <summary>
    /// Gives a download's temp file its final <paramref name="length"/> before a segmented download writes its segments
    /// at their offsets (the gaps read as zeros until written); <see cref="EnsureIntact"/> then checks that length.
    /// Only sinks that hold their bytes locally can.
    /// </summary>
    void SetLength(long length) => throw new NotSupportedException($"{DisplayName} cannot be written out of order.");

    /// <summary>Drops every byte written: the file starts again from zero (the source changed).</summary>
    void Reset();

    /// <summary>
    /// Throws a <see cref="SinkLostException"/> when the sink no longer holds the <paramref name="position"/> bytes
    /// written (someone deleted or changed the temp file); a no-op for sinks that cannot tell.
    /// </summary>
    void EnsureIntact(long position);

    /// <summary>The local temporary file the sink writes (device and inode), for checkpoints; null for remote sinks.</summary>
    FileIdentity? Identity => null;

    /// <summary>
    /// The boot (<see cref="BootIdentity"/>) in which this sink's bytes past the durable position were written, when
    /// they survive a crash of the service until the machine restarts (a local file's page cache); null otherwise.
    /// </summary>
    string? WriteBoot => null;

    /// <summary>Starts again empty in a new sink (a new temp file, a new upload session) after a <see cref="SinkLostException"/>.</summary>
    void Replace();

    /// <summary>
    /// How many of the <paramref name="written"/> bytes a checkpoint may call durable once a flush returned: all of them
    /// for files; for an upload those the receiver acknowledged (its flushes hold the file's last byte back until
    /// <see cref="Finish"/>, so a local file that changed at the end never completes on the receiver).
    /// </summary>
    long DurableOf(long written) => written;

    /// <summary>An upload's session on the receiver, copied into each checkpoint so the next run resumes in it; null for files.</summary>
    UploadSessionRef? UploadSession => null;

    /// <summary>Where the receiver put its reply to a complete upload (absolute), reported on Completed; null for files.</summary>
    string? ReplyUrl => null;

    /// <summary>
    /// The source's size, once it connected: an upload's fragments name the total. Called before the first write of
    /// each attempt; ignored by sinks that do not need it.
    /// </summary>
    void SourceSized(long bytes)
    {
    }

    /// <summary>
    /// The source file's last-write time, once it connected, when the source reports one (B47): the finished file
    /// gets it in <see cref="Finish"/>. Ignored by sinks that cannot keep it.
    /// </summary>
    void SourceDated(DateTimeOffset lastWriteTime)
    {
    }

    /// <summary>
    /// Every byte is durable and the file is whole: a download's temp file takes the source's last-write time, an
    /// upload closes its session (Close-Session), checks that the receiver named its reply, or moves its file into
    /// place. Runs on the pipeline's thread under its quick retries.
    /// </summary>
    void Finish()
    {
    }
}
