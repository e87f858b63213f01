using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The remote end of an upload to a share: writes a hidden temporary file beside the destination
/// (<see cref="SmbTempNames"/>), resumes from the bytes the share really holds, and at <see cref="Finish"/> gives it
/// the local file's last-write time (B47) and renames it over the destination, so nothing is ever visible under the
/// final name before the upload is complete. A dropped connection drops the open file: the next call opens it again
/// and checks that the share still holds every byte written. <see cref="Flush"/> may run on a checkpoint's thread
/// while writes go on: one gate serializes every call on the file.
/// </summary>
internal sealed partial class SmbUploadSink(ISmbClient client, SmbRemote remote, SmbLocation temp, ILogger logger) : ITransferSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ISmbFile? _file;
    private long _written;
    private long? _total;
    private DateTimeOffset? _sourceWritten;
    private bool _open;
    private bool _finished;
    private CancellationToken _token;

    public string DisplayName => remote.Url;

    public bool IsOpen => _open;

    public async ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken)
    {
        _token = cancellationToken;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = await OpenTempAsync(cancellationToken).ConfigureAwait(false);
            var held = await Do("check the temporary file", () => file.StatAsync(cancellationToken)).ConfigureAwait(false);

            // Bytes past the checkpoint were never called durable: drop them, and start from what the share holds.
            var kept = Math.Min(held.Size, durableBytes);
            if (held.Size != kept)
            {
                await Do("truncate the temporary file", () => file.TruncateAsync(kept, cancellationToken)).ConfigureAwait(false);
            }

            if (kept < durableBytes)
            {
                LogResumedWithFewer(logger, remote.JobId, kept, durableBytes);
            }

            _written = kept;
            _open = true;
            return kept;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void SourceSized(long bytes) => _total = bytes;

    public void SourceDated(DateTimeOffset lastWriteTime) => _sourceWritten = lastWriteTime;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = await FileAsync(cancellationToken).ConfigureAwait(false);
            await Do("write the temporary file", () => file.WriteAsync(data, position, cancellationToken)).ConfigureAwait(false);
            _written = Math.Max(_written, position + data.Length);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Flush() => Exclusively(async token =>
    {
        // Once renamed into place the file is whole and durable; the pipeline's last checkpoint finds nothing to flush.
        if (_finished)
        {
            return;
        }

        var file = await FileAsync(token).ConfigureAwait(false);
        await Do("flush the temporary file", () => file.FlushAsync(token)).ConfigureAwait(false);
    });

    public TransferFailedException FlushFailed(Exception exception) => exception is SmbException smb
        ? new TransferFailedException(SmbFailures.Failure("flush the temporary file", temp.ToUrl(), smb, remote), smb)
        : new TransferFailedException(
            FailureClassifier.Transport(TransferErrorCode.NetworkError, DisplayName, $"Flushing the temporary file failed ({exception.Message})"),
            exception);

    public void Reset() => Exclusively(async token =>
    {
        var file = await FileAsync(token).ConfigureAwait(false);
        await Do("truncate the temporary file", () => file.TruncateAsync(0, token)).ConfigureAwait(false);
        _written = 0;
    });

    /// <summary>The temporary file on the share must still hold every byte written (nobody deleted or cut it).</summary>
    public void EnsureIntact(long position) => Exclusively(async token =>
    {
        if (_finished)
        {
            return;
        }

        var held = await Do("check the temporary file", () => client.StatAsync(temp, remote.Credential, token)).ConfigureAwait(false);
        if (held is null || held.Size < position)
        {
            throw Lost(held is null ? "is gone" : $"holds {held.Size} bytes, fewer than the {position} written");
        }
    });

    /// <summary>Starts again in a new, empty temporary file of the same name, so later runs still find it.</summary>
    public void Replace() => Exclusively(async token =>
    {
        await CloseFileAsync().ConfigureAwait(false);
        await Do("delete the temporary file", () => client.DeleteAsync(temp, remote.Credential, token)).ConfigureAwait(false);
        var file = await OpenTempAsync(token).ConfigureAwait(false);
        await Do("truncate the temporary file", () => file.TruncateAsync(0, token)).ConfigureAwait(false);
        _written = 0;
        _open = true;
    });

    /// <summary>
    /// Every byte is on the share: closes the temporary file (a close may set its write time), gives it the local
    /// file's last-write time, and renames it over the destination. Run again after a rename whose answer was lost, it
    /// finds the destination already complete.
    /// </summary>
    public void Finish() => Exclusively(async token =>
    {
        if (_finished || (_file is null && await AlreadyInPlaceAsync(token).ConfigureAwait(false)))
        {
            _finished = true;
            return;
        }

        var file = await FileAsync(token).ConfigureAwait(false);
        await Do("flush the temporary file", () => file.FlushAsync(token)).ConfigureAwait(false);
        var held = await Do("check the temporary file", () => file.StatAsync(token)).ConfigureAwait(false);
        if (_total is { } total && held.Size != total)
        {
            throw Lost($"holds {held.Size} bytes, not the file's {total}");
        }

        await CloseFileAsync().ConfigureAwait(false);
        if (_sourceWritten is { } written)
        {
            await Do("set the last-write time of the temporary file", () => client.SetLastWriteTimeAsync(temp, written, remote.Credential, token))
                .ConfigureAwait(false);
        }

        await Do("rename the temporary file to", () => client.RenameAsync(temp, remote.Location, remote.Credential, token), remote.Location)
            .ConfigureAwait(false);
        _finished = true;
        LogMovedIntoPlace(logger, remote.JobId, _written);
    });

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            CloseFileAsync().GetAwaiter().GetResult();
            _open = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> AlreadyInPlaceAsync(CancellationToken cancellationToken)
    {
        if (await Do("check the temporary file", () => client.StatAsync(temp, remote.Credential, cancellationToken)).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var final = await Do("check", () => client.StatAsync(remote.Location, remote.Credential, cancellationToken), remote.Location)
            .ConfigureAwait(false);
        return final is { IsDirectory: false } && final.Size == _total && (_sourceWritten is null || final.LastWriteTime == _sourceWritten);
    }

    /// <summary>The open temporary file, opened again after a lost connection if the share still holds what was written.</summary>
    private async Task<ISmbFile> FileAsync(CancellationToken cancellationToken)
    {
        if (_file is { } open)
        {
            return open;
        }

        var file = await OpenTempAsync(cancellationToken).ConfigureAwait(false);
        var held = await Do("check the temporary file", () => file.StatAsync(cancellationToken)).ConfigureAwait(false);
        if (held.Size < _written)
        {
            throw Lost($"holds {held.Size} bytes after the connection came back, fewer than the {_written} written");
        }

        return file;
    }

    private async Task<ISmbFile> OpenTempAsync(CancellationToken cancellationToken)
    {
        _file = await Do("open the temporary file", () => client.OpenWriteAsync(temp, remote.Credential, cancellationToken)).ConfigureAwait(false);
        return _file;
    }

    private async Task CloseFileAsync()
    {
        var file = _file;
        _file = null;
        if (file is null)
        {
            return;
        }

        try
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }
        catch (SmbException)
        {
            // A handle on a lost connection is gone with it; the bytes the server acknowledged are on the share.
        }
    }

    /// <summary>Runs one call on the share; a failure is classified, and a lost connection drops the open file.</summary>
    private async Task<T> Do<T>(string action, Func<Task<T>> call, SmbLocation? file = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (SmbException ex)
        {
            throw await FailedAsync(action, ex, file).ConfigureAwait(false);
        }
    }

    private async Task Do(string action, Func<Task> call, SmbLocation? file = null)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (SmbException ex)
        {
            throw await FailedAsync(action, ex, file).ConfigureAwait(false);
        }
    }

    private async Task<Exception> FailedAsync(string action, SmbException exception, SmbLocation? file)
    {
        if (exception.Kind is SmbErrorKind.ConnectionLost or SmbErrorKind.Unreachable)
        {
            await CloseFileAsync().ConfigureAwait(false);
        }

        return remote.Fail(action, exception, file ?? temp);
    }

    /// <summary>Runs <paramref name="work"/> alone and waits for it: the pipeline calls these from another thread than it writes.</summary>
    private void Exclusively(Func<CancellationToken, Task> work)
    {
        _gate.Wait();
        try
        {
            work(_token).GetAwaiter().GetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SinkLostException Lost(string problem) => new(
        $"the temporary file {temp.ToUrl()} on the share {problem}; the upload starts again from zero",
        TransferErrorCode.TempFileLost,
        ErrorContext.RemoteFile);
}
