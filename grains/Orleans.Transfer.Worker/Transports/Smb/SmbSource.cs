using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads a file on a share with FileSource's rules (B64): its size and last-write time, recorded at the first read,
/// are the validator; a resume whose file changed starts again from zero, otherwise it reads on from the offset.
/// A change while the file is read (it ends early, or its size or time differ at the end) fails the attempt, and the
/// next attempt sees the new validator and restarts. SMB has no byte ranges (B07, B128): a request with ranges fails.
/// The file's last-write time goes to the local file (B47).
/// </summary>
internal sealed class SmbSource(ISmbClient client, SmbRemote remote) : ITransferSource
{
    public string DisplayName => remote.Url;

    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
    {
        var segments = session.Segments;
        if (segments.IsRanged)
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.InvalidRange,
                ErrorContext.RemoteFile,
                $"The file {DisplayName} names byte ranges, which SMB downloads do not support (B07); add the file again without ranges.",
                HttpStatus: null,
                IsTransient: false));
        }

        await using var file = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var info = file.Info;
        if (info.IsDirectory)
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.SourceNotRegularFile,
                ErrorContext.RemoteFile,
                $"{DisplayName} is a directory on the share, not a file; name a file and resume the job.",
                HttpStatus: null,
                IsTransient: false));
        }

        var lastModified = Validator(info);
        if (session.IsResuming
            && (session.Checkpoints.ValidatorChanged(etag: null, lastModified) || (segments.RemoteSize is { } known && known != info.Size)))
        {
            session.Restart("the file on the share changed");
        }

        segments.RemoteSize = info.Size;
        session.EnsureFits(info.Size);
        session.SourceLastWriteTime = info.LastWriteTime;
        await session.ConnectedAsync(etag: null, lastModified, rangeUnsupported: false, note: null, cancellationToken)
            .ConfigureAwait(false);
        while (segments.TryLocate(session.Position, out var index, out var within))
        {
            var reader = new SmbSpanReader(file, remote, segments[index].Offset + within);
            await session.CopyAsync(reader, segments.SegmentLength(index)!.Value - within, stall: null, cancellationToken)
                .ConfigureAwait(false);
        }

        await EnsureUnchangedAsync(file, info, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The validator as the checkpoint keeps it: the exact last-write time, so any change of it is seen.</summary>
    private static string Validator(SmbFileInfo info) =>
        info.LastWriteTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The bytes copied are of one version: otherwise the attempt fails and the next one restarts the file.</summary>
    private async Task EnsureUnchangedAsync(ISmbFile file, SmbFileInfo opened, CancellationToken cancellationToken)
    {
        SmbFileInfo now;
        try
        {
            now = await file.StatAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SmbException ex)
        {
            throw remote.Fail("check", ex);
        }

        if (now.Size != opened.Size || now.LastWriteTime != opened.LastWriteTime)
        {
            throw SmbSpanReader.Changed(
                DisplayName, $"it became {now.Size} bytes, last written {Validator(now)}, while it was read (it was {opened.Size} bytes, last written {Validator(opened)})");
        }
    }

    private async Task<ISmbFile> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.OpenReadAsync(remote.Location, remote.Credential, cancellationToken).ConfigureAwait(false);
        }
        catch (SmbException ex)
        {
            throw remote.Fail("open", ex);
        }
    }
}
