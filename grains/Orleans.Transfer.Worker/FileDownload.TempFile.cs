namespace Orleans.Transfer.Worker;

internal sealed partial class FileDownload
{
    private void OpenTempFile()
    {
        var path = _request.TempPath;
        try
        {
            _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var checkpoint = _request.Checkpoint;
            var length = RandomAccess.GetLength(_file);
            if (checkpoint.BytesWritten > 0 && length >= checkpoint.BytesWritten)
            {
                // Bytes past the checkpoint may not have reached the disk before a crash: drop them.
                RandomAccess.SetLength(_file, checkpoint.BytesWritten);
                _checkpoint = checkpoint;
                _position = checkpoint.BytesWritten;
                _remoteSize = RemoteSizeFrom(checkpoint.BytesTotal);
            }
            else
            {
                // Nothing to resume, or the temp file lost bytes under us: the file starts again from zero.
                RandomAccess.SetLength(_file, 0);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("open the temp file", path, ex, ErrorContext.LocalFile), ex);
        }

        _lastCheckpointBytes = _position;
        _lastCheckpointTimestamp = _time.GetTimestamp();
        _positionAtFailure = _position;
    }

    /// <summary>
    /// On Unix the temp file can be deleted or replaced under our open handle; writing on would complete a file that
    /// no longer exists at the temp path, so every checkpoint checks that the path still holds our bytes.
    /// </summary>
    private void EnsureTempFileIntact()
    {
        var info = new FileInfo(_request.TempPath);
        if (!info.Exists)
        {
            throw new TempFileLostException("the temp file was deleted");
        }

        if (info.Length != _position)
        {
            throw new TempFileLostException($"the temp file was changed ({info.Length} bytes on disk, {_position} written)");
        }
    }

    /// <summary>Starts the file again from zero in a new temp file after <see cref="EnsureTempFileIntact"/> failed.</summary>
    private void ReplaceTempFile(string reason)
    {
        DrainFlush();
        _file?.Dispose();
        _file = null;
        try
        {
            _file = File.OpenHandle(_request.TempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferFailedException(
                FailureClassifier.ForLocal("recreate the temp file", _request.TempPath, ex, ErrorContext.LocalFile), ex);
        }

        Restart(reason, TransferErrorCode.TempFileLost, ErrorContext.LocalFile);
    }

    private async ValueTask WriteAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(TempFile, _buffer.AsMemory(0, count), _position, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferFailedException(
                FailureClassifier.ForLocal("write the temp file", _request.TempPath, ex, ErrorContext.LocalFile), ex);
        }

        Volatile.Write(ref _position, _position + count);
    }

    private void Flush()
    {
        DrainFlush();
        try
        {
            RandomAccess.FlushToDisk(TempFile);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(
                FailureClassifier.ForLocal("flush the temp file", _request.TempPath, ex, ErrorContext.LocalFile), ex);
        }
    }

    private void SetFileLength(long length)
    {
        try
        {
            RandomAccess.SetLength(TempFile, length);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(
                FailureClassifier.ForLocal("truncate the temp file", _request.TempPath, ex, ErrorContext.LocalFile), ex);
        }
    }
}
