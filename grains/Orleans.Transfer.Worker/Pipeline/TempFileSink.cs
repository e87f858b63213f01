using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A download's hidden temp file in the destination directory, opened (or created) with the owner's rights through
/// <see cref="IOwnerFileSystem"/>: a resume writes on only the file of the checkpoint, and anything planted at the
/// name is never written through. <paramref name="currentBoot"/> is this boot's <see cref="BootIdentity"/>; every write
/// starts its own write-back through <paramref name="writeBack"/>.
/// </summary>
internal sealed class TempFileSink(IOwnerFileSystem files, FileTransferRequest request, string? currentBoot, IWriteBack writeBack) : ITransferSink
{
    private readonly string _path = request.TempPath;
    private ITempFile? _file;
    private DateTimeOffset? _sourceWritten;
    private long _writtenEnd;

    // Changes to the file (writes, length changes) so far, and as of the last fsync: a flush with nothing new to make
    // durable skips the fsync, which for a small file is most of its cost (one at Connected, one at the end).
    private long _changes;
    private long _flushedChanges;

    public string DisplayName => _path;

    public bool IsOpen => _file is not null;

    public FileIdentity? Identity => _file?.Identity;

    public string? WriteBoot => currentBoot;

    public bool FlushesLocally => true;

    private ITempFile File => _file ?? throw new InvalidOperationException("The temp file is not open.");

    public async ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken)
    {
        try
        {
            var resume = durableBytes > 0;
            _file = await OpenOrTakeOverAsync(resume, cancellationToken).ConfigureAwait(false);
            var length = RandomAccess.GetLength(_file.Handle);
            var kept = resume && _file.Resumed && length >= durableBytes;

            // Bytes past the checkpoint written in this boot are in the file even though the service was killed (the
            // writes were sequential, so they are a prefix of the file); written in an earlier boot, they may not
            // have reached the disk before the machine went down: drop them. A segmented file is pre-sized, its
            // length says nothing of what was written: it keeps its segments' durable bytes. Without a checkpoint,
            // or when the temp file lost bytes or is not the checkpoint's file, the file starts again from zero.
            var sequential = request.Checkpoint.Segments is null;
            var held = !kept ? 0
                : sequential && currentBoot is not null && request.Checkpoint.WrittenInBoot == currentBoot
                    ? Math.Min(length, request.Checkpoint.BytesTotal ?? length)
                    : durableBytes;
            RandomAccess.SetLength(_file.Handle, held);
            if (held > durableBytes)
            {
                // The run reports what it holds as durable: make it so before a crash of the machine can lose it.
                RandomAccess.FlushToDisk(_file.Handle);
            }

            return held;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OwnerFileException)
        {
            throw Failure("open the temp file", ex);
        }
    }

    private async Task<ITempFile> OpenOrTakeOverAsync(bool resume, CancellationToken cancellationToken)
    {
        try
        {
            return await files.OpenTempAsync(request.Owner, _path, request.Checkpoint.TempFile, resume, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OwnerFileException held) when (held is { Code: TransferErrorCode.DestinationInUse, IsTransient: true } && request.TakeOverHeldTempFile)
        {
            return await files.TakeOverTempAsync(request.Owner, _path, request.Checkpoint.TempFile, resume, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A plain pwrite on the run's own thread: the handle is not opened for asynchronous I/O, so the asynchronous API
    /// would only hand the same blocking call to another thread-pool thread and the run's continuation back, a thread
    /// hop per write that was most of a small file's hand-offs (docs/benchmarks.md, "small").
    /// </summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            RandomAccess.Write(File.Handle, data.Span, position);
            writeBack.Start(File.Handle, position, data.Length);
            RecordWritten(position + data.Length);
            Interlocked.Increment(ref _changes);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromException(Failure("write the temp file", ex));
        }
    }

    /// <summary>A plain pread on the run's own thread, for the reason <see cref="WriteAsync"/> gives.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, long position, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(RandomAccess.Read(File.Handle, buffer.Span, position));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromException<int>(Failure("read back the temp file", ex));
        }
    }

    /// <summary>fsync, then drop the pages it made durable (<see cref="LinuxPageCache"/>); nothing to do when nothing changed.</summary>
    public void Flush()
    {
        var changes = Interlocked.Read(ref _changes);
        if (changes == Interlocked.Read(ref _flushedChanges))
        {
            return;
        }

        var durableEnd = Volatile.Read(ref _writtenEnd);
        RandomAccess.FlushToDisk(File.Handle);
        LinuxPageCache.DropClean(File.Handle, durableEnd);
        Interlocked.Exchange(ref _flushedChanges, changes);
    }

    // Background flushes read the end while the run writes on.
    private void RecordWritten(long end)
    {
        var known = Volatile.Read(ref _writtenEnd);
        while (end > known)
        {
            var seen = Interlocked.CompareExchange(ref _writtenEnd, end, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }

    public TransferFailedException FlushFailed(Exception exception) => Failure("flush the temp file", exception);

    public void SetLength(long length)
    {
        try
        {
            RandomAccess.SetLength(File.Handle, length);
            Interlocked.Increment(ref _changes);
        }
        catch (IOException ex)
        {
            throw Failure("set the length of the temp file", ex);
        }
    }

    public void Reset()
    {
        try
        {
            RandomAccess.SetLength(File.Handle, 0);
            Volatile.Write(ref _writtenEnd, 0);
            Interlocked.Increment(ref _changes);
        }
        catch (IOException ex)
        {
            throw Failure("truncate the temp file", ex);
        }
    }

    /// <summary>
    /// On Unix the temp file can be deleted or replaced under our open handle; writing on would complete a file that
    /// no longer exists at the temp path, so every checkpoint checks that the path still holds our bytes.
    /// </summary>
    public void EnsureIntact(long position)
    {
        if (File.CheckIntact(position) is { } reason)
        {
            throw new SinkLostException(reason, TransferErrorCode.TempFileLost, ErrorContext.LocalFile);
        }
    }

    public void Replace()
    {
        if (_file?.NameHasAnotherFile() == true)
        {
            // Not this writer's to remove: perhaps a survivor's file after a takeover. The run ends (transient); its
            // state write then stops a stale activation, and a job that is still this one's retries, finds a file
            // that is not its checkpoint's and starts anew.
            throw Failure("recreate the temp file", new OwnerFileException(
                TransferErrorCode.DestinationInUse,
                $"Another file has taken the temporary name {_path} (perhaps another silo took the job over); it was left as it is and the job retries later.",
                transient: true));
        }

        _file?.Dispose();
        _file = null;
        try
        {
            // The pipeline calls this on a thread-pool thread between writes; the owner's thread does the work.
            _file = files.OpenTempAsync(request.Owner, _path, expected: null, resume: false, CancellationToken.None)
                .GetAwaiter().GetResult();
            Interlocked.Increment(ref _changes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OwnerFileException)
        {
            throw Failure("recreate the temp file", ex);
        }
    }

    public void SourceDated(DateTimeOffset lastWriteTime) => _sourceWritten = lastWriteTime;

    /// <summary>
    /// B47: the file takes the source's last-write time, which the rename into place keeps. Set through the open
    /// handle (no path, so nothing planted at the name is touched), after the last write.
    /// </summary>
    public void Finish()
    {
        if (_sourceWritten is not { } written)
        {
            return;
        }

        try
        {
            System.IO.File.SetLastWriteTimeUtc(File.Handle, written.UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("set the last-write time of the temp file", ex);
        }
    }

    public void Dispose() => _file?.Dispose();

    private TransferFailedException Failure(string action, Exception exception) =>
        new(exception is OwnerFileException refused
                ? new TransferFailure(refused.Code, ErrorContext.LocalFile, refused.Message, HttpStatus: null, refused.IsTransient)
                : FailureClassifier.ForLocal(action, _path, exception, ErrorContext.LocalFile),
            exception);
}
