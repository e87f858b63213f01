using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads a local file with the same checkpoint and resume rules as a download; Last-Modified is its validator. The
/// source of a file-URL download (<paramref name="context"/> RemoteFile) and of every upload (LocalFile).
/// </summary>
internal sealed class FileSource(string path, ErrorContext context) : ITransferSource
{
    public string DisplayName => path;

    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
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
            throw new TransferFailedException(TransferFailures.SourceNotFound(path, context), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("open the source file", path, ex, context), ex);
        }

        using (source)
        {
            var segments = session.Segments;
            if (session.IsResuming
                && (session.Checkpoints.ValidatorChanged(etag: null, lastModified) || (segments.RemoteSize is { } known && known != size)))
            {
                session.Restart("the source file changed");
            }

            segments.RemoteSize = size;
            await session.ConnectedAsync(etag: null, lastModified, rangeUnsupported: false, note: null, cancellationToken)
                .ConfigureAwait(false);
            while (segments.TryLocate(session.Position, out var index, out var within))
            {
                var reader = new FileSpanReader(source, path, segments[index].Offset + within, context);
                await session.CopyAsync(reader, segments.SegmentLength(index)!.Value - within, stall: null, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
