using System.Buffers;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Uploads.Protocol;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Uploads.Files;

/// <summary>
/// Every file operation of the upload server, made through <see cref="IOwnerFileSystem"/> with the directory's
/// account: the partial file is created without following links (a link planted at its name is removed, never written
/// through), reopened only while it is still the service's single-link file, and renamed into place without replacing
/// anything unless overwrites are allowed. The checks made by name here (intermediate directories are real
/// directories, not links; what the destination is) only pick the right answer early; the rename is what enforces.
/// </summary>
internal sealed class UploadFileStore(IOwnerFileSystem files)
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>Null when a session may be created for <paramref name="relative"/>; otherwise the refusal.</summary>
    public static BitsAck? CheckDestination(UploadDirectory directory, string relative, bool mustNotExist)
    {
        var current = directory.Root;
        if (!Directory.Exists(current))
        {
            return BitsAck.Fail(StatusCodes.Status404NotFound, BitsErrors.AccessDenied, "the directory's root does not exist");
        }

        var names = relative.Split('/');
        foreach (var name in names[..^1])
        {
            current = Path.Combine(current, name);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                return BitsAck.AccessDenied("a directory on the path is a symbolic link");
            }

            if (!info.Exists)
            {
                return BitsAck.Fail(StatusCodes.Status404NotFound, BitsErrors.AccessDenied, "the destination's directory does not exist");
            }
        }

        var destination = directory.DestinationOf(relative);
        if (Directory.Exists(destination) && new DirectoryInfo(destination).LinkTarget is null)
        {
            return BitsAck.BadRequest("the URL names a directory");
        }

        var file = new FileInfo(destination);
        return mustNotExist && (file.Exists || file.LinkTarget is not null)
            ? BitsAck.Fail(StatusCodes.Status409Conflict, BitsErrors.AccessDenied, "the file exists and the directory does not allow overwrites")
            : null;
    }

    public async Task CreatePartialAsync(UploadDirectory directory, string relative, string sessionId, CancellationToken cancellationToken)
    {
        using var created = await files.OpenTempAsync(
            directory.Account, directory.PartialOf(relative, sessionId), expected: null, resume: false, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the body's bytes after the first <paramref name="skip"/> at <paramref name="offset"/> and flushes them to
    /// disk; false when the body ended early (the client went away) or the partial file no longer holds the
    /// <paramref name="offset"/> bytes acknowledged before (Lost then true).
    /// </summary>
    public async Task<(bool Written, bool Lost)> WriteAsync(
        UploadDirectory directory, string relative, string sessionId, long offset, Stream body, long skip, long count,
        CancellationToken cancellationToken)
    {
        using var partial = await files.OpenTempAsync(
            directory.Account, directory.PartialOf(relative, sessionId), expected: null, resume: true, cancellationToken)
            .ConfigureAwait(false);
        if ((!partial.Resumed && offset > 0) || RandomAccess.GetLength(partial.Handle) < offset)
        {
            return (false, true);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var toSkip = skip;
            var remaining = count;
            var position = offset;
            while (toSkip > 0 || remaining > 0)
            {
                var want = (int)Math.Min(BufferBytes, toSkip > 0 ? toSkip : remaining);
                var read = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (false, false);
                }

                if (toSkip > 0)
                {
                    toSkip -= read;
                    continue;
                }

                await RandomAccess.WriteAsync(partial.Handle, buffer.AsMemory(0, read), position, cancellationToken).ConfigureAwait(false);
                position += read;
                remaining -= read;
            }

            RandomAccess.FlushToDisk(partial.Handle);
            return (true, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves the complete partial file to its final name, atomically; replacing a regular file only with <paramref name="replace"/>.</summary>
    public Task CommitAsync(UploadDirectory directory, string relative, string sessionId, bool replace, CancellationToken cancellationToken) =>
        files.MoveIntoPlaceAsync(
            directory.Account, directory.PartialOf(relative, sessionId), directory.DestinationOf(relative), replace, expected: null, cancellationToken);

    /// <summary>Whether the partial file is still there (a commit interrupted after the rename leaves none).</summary>
    public static bool PartialExists(UploadDirectory directory, string relative, string sessionId) =>
        File.Exists(directory.PartialOf(relative, sessionId));

    /// <summary>Writes the application's reply (by value) to the session's reply file.</summary>
    public async Task WriteReplyAsync(UploadDirectory directory, string relative, string sessionId, Stream content, CancellationToken cancellationToken)
    {
        using var reply = await files.OpenTempAsync(
            directory.Account, directory.ReplyOf(relative, sessionId), expected: null, resume: false, cancellationToken)
            .ConfigureAwait(false);
        await using var stream = new FileStream(reply.Handle, FileAccess.ReadWrite, bufferSize: 0);
        await content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        RandomAccess.FlushToDisk(reply.Handle);
    }

    /// <summary>The complete partial file for reading (a by-value notification sends it).</summary>
    public Task<SourceFile> OpenPartialAsync(UploadDirectory directory, string relative, string sessionId, CancellationToken cancellationToken) =>
        files.OpenSourceAsync(directory.Account, directory.PartialOf(relative, sessionId), cancellationToken);

    /// <summary>
    /// The session's reply file for reading, or null when the application wrote none. A link at the reply name is not
    /// followed (the check is by name, so it narrows rather than closes the window; the owner's rights still bound
    /// what could be read).
    /// </summary>
    public async Task<SourceFile?> OpenReplyAsync(UploadDirectory directory, string relative, string sessionId, CancellationToken cancellationToken)
    {
        var path = directory.ReplyOf(relative, sessionId);
        if (new FileInfo(path).LinkTarget is not null)
        {
            return null;
        }

        try
        {
            return await files.OpenSourceAsync(directory.Account, path, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes the session's partial and reply files; the errors, if any (the caller logs them).</summary>
    public async Task<Exception?> DeleteSessionFilesAsync(UploadDirectory directory, string relative, string sessionId, CancellationToken cancellationToken)
    {
        var account = directory.Account;
        var partial = await files.DeleteTempAsync(account, directory.PartialOf(relative, sessionId), cancellationToken).ConfigureAwait(false);
        var reply = await files.DeleteTempAsync(account, directory.ReplyOf(relative, sessionId), cancellationToken).ConfigureAwait(false);
        return partial ?? reply;
    }

    /// <summary>The Ack for a failed file operation, or null when <paramref name="exception"/> is not one.</summary>
    public static BitsAck? AckFor(Exception exception) => exception switch
    {
        OwnerFileException { Code: TransferErrorCode.AlreadyExists } =>
            BitsAck.Fail(StatusCodes.Status409Conflict, BitsErrors.AccessDenied, exception.Message),
        OwnerFileException { IsTransient: true } =>
            BitsAck.Fail(StatusCodes.Status503ServiceUnavailable, BitsErrors.Busy, exception.Message),
        OwnerFileException => BitsAck.AccessDenied(exception.Message),
        DirectoryNotFoundException or FileNotFoundException =>
            BitsAck.Fail(StatusCodes.Status404NotFound, BitsErrors.AccessDenied, exception.Message),
        UnauthorizedAccessException => BitsAck.AccessDenied(exception.Message),
        IOException when FailureClassifier.IsDiskFull(exception) =>
            BitsAck.Fail(StatusCodes.Status500InternalServerError, BitsErrors.DiskFull, exception.Message),
        IOException => BitsAck.Fail(StatusCodes.Status500InternalServerError, BitsErrors.Failed, exception.Message),
        _ => null,
    };
}
