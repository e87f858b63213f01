using System.Globalization;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads a local file with the same checkpoint and resume rules as a download; Last-Modified is its validator. The
/// source of a file-URL download (<paramref name="context"/> RemoteFile) and of every upload (LocalFile). The file is
/// opened with the job owner's rights and must be a regular file: a FIFO or device is refused before it is opened,
/// so it can neither hang the job nor be read. An upload's file must not change while it is sent (B64): a different
/// size or last-write time on resume, or at the end of the copy, fails the upload with LocalFileChanged instead of
/// restarting it, as the receiver already holds bytes of the old version.
/// </summary>
internal sealed class FileSource(IOwnerFileSystem files, string? owner, string path, ErrorContext context) : ITransferSource
{
    public string DisplayName => path;

    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
    {
        using var source = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var size = source.Size;
        var lastModified = source.LastModified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        var segments = session.Segments;
        if (session.IsResuming
            && (session.Checkpoints.ValidatorChanged(etag: null, lastModified) || (segments.RemoteSize is { } known && known != size)))
        {
            if (context == ErrorContext.LocalFile)
            {
                throw new TransferFailedException(LocalFileChanged($"it is now {size} bytes, last written {lastModified}"));
            }

            session.Restart("the source file changed");
        }

        segments.RemoteSize = size;
        session.SourceLastWriteTime = source.LastModified;
        await session.ConnectedAsync(etag: null, lastModified, rangeUnsupported: false, note: null, cancellationToken)
            .ConfigureAwait(false);
        while (segments.TryLocate(session.Position, out var index, out var within))
        {
            var reader = new FileSpanReader(source.Handle, path, segments[index].Offset + within, context);
            await session.CopyAsync(reader, segments.SegmentLength(index)!.Value - within, stall: null, cancellationToken)
                .ConfigureAwait(false);
        }

        if (context == ErrorContext.LocalFile)
        {
            EnsureUnchanged(source);
        }
    }

    /// <summary>The open file still has the size and last-write time it had when opened, so the bytes sent are one version.</summary>
    private void EnsureUnchanged(SourceFile source)
    {
        long size;
        DateTimeOffset written;
        try
        {
            size = RandomAccess.GetLength(source.Handle);
            written = File.GetLastWriteTimeUtc(source.Handle);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("check the source file", path, ex, context), ex);
        }

        if (size != source.Size || written != source.LastModified.UtcDateTime)
        {
            throw new TransferFailedException(LocalFileChanged(
                $"it became {size} bytes, last written {written:O}, while it was sent (it was {source.Size} bytes, last written {source.LastModified.UtcDateTime:O})"));
        }
    }

    private TransferFailure LocalFileChanged(string detail) => new(
        TransferErrorCode.LocalFileChanged,
        ErrorContext.LocalFile,
        $"The local file {path} changed during the upload ({detail}); an upload sends one version of a file. Resume the job to "
            + "send the file again from the start in a new session, or cancel it.",
        HttpStatus: null,
        IsTransient: false);

    private async Task<SourceFile> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await files.OpenSourceAsync(owner, path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TransferFailedException(TransferFailures.SourceNotFound(path, context), ex);
        }
        catch (OwnerFileException ex)
        {
            throw new TransferFailedException(
                new TransferFailure(ex.Code, context, ex.Message, HttpStatus: null, IsTransient: false), ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new TransferFailedException(
                new TransferFailure(
                    TransferErrorCode.AccessDenied,
                    context,
                    $"The job's owner may not read the source file {path}: {ex.Message} Grant the owner read access or fix the path, then resume the job.",
                    HttpStatus: null,
                    IsTransient: false),
                ex);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("open the source file", path, ex, context), ex);
        }
    }
}
