using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

internal sealed partial class FileDownload
{
    /// <summary>Copies a local source with the same checkpoint and resume rules as a download.</summary>
    private async Task CopyLocalAsync(string path, CancellationToken cancellationToken)
    {
        SafeFileHandle source;
        long size;
        string lastModified;
        try
        {
            source = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            size = RandomAccess.GetLength(source);
            lastModified = File.GetLastWriteTimeUtc(path).ToString("R", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TransferFailedException(TransferFailures.SourceNotFound(path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("open the source file", path, ex, ErrorContext.RemoteFile), ex);
        }

        using (source)
        {
            if (_position > 0 && (ValidatorChanged(etag: null, lastModified) || (_remoteSize is { } known && known != size)))
            {
                Restart("the source file changed");
            }

            _remoteSize = size;
            _checkpoint = _checkpoint with { ETag = null, LastModified = lastModified, RangeUnsupported = false };
            ValidateRanges();
            await ReportAsync(TransferEventKind.Connected, note: null, cancellationToken).ConfigureAwait(false);
            while (TryLocate(_position, out var index, out var within))
            {
                var remaining = SegmentLength(index)!.Value - within;
                var want = (int)Math.Min(Math.Min(_options.BufferSize, remaining), _throttle.Quantum);
                var read = ReadSource(source, path, _segments[index].Offset + within, want);
                await WriteAsync(read, cancellationToken).ConfigureAwait(false);
                await _throttle.PaceAsync(read, cancellationToken).ConfigureAwait(false);
                await MaybeCheckpointAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int ReadSource(SafeFileHandle source, string path, long offset, int want)
    {
        int read;
        try
        {
            read = RandomAccess.Read(source, _buffer.AsSpan(0, want), offset);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("read the source file", path, ex, ErrorContext.RemoteFile), ex);
        }

        if (read == 0)
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.LocalIoError,
                ErrorContext.RemoteFile,
                $"The source file {path} became shorter while it was copied; the job retries later.",
                HttpStatus: null,
                IsTransient: true));
        }

        return read;
    }
}
