using Microsoft.Extensions.Logging;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// <see cref="IOwnerFileSystem"/> on Linux: each operation runs through the <see cref="IOwnerIdentityRunner"/> as the
/// owner's identity (<see cref="OwnerAccounts"/>), and its result becomes an exception here, back on an ordinary thread.
/// </summary>
internal sealed partial class UnixOwnerFileSystem(
    IOwnerIdentityRunner runner,
    OwnerAccounts accounts,
    ProbedDirectories probed,
    ILogger<UnixOwnerFileSystem> logger) : IOwnerFileSystem
{
    // Moves one owner-thread operation makes at most: one job's Complete of thousands of small files goes in a few
    // trips instead of one per file, without keeping other jobs' file operations waiting behind all of it.
    private const int MovesPerOperation = 64;

    public async Task<SourceFile> OpenSourceAsync(string? owner, string path, CancellationToken cancellationToken)
    {
        var credentials = accounts.Resolve(owner);
        using var result = await runner.RunAsync(credentials, () => UnixOwnerCalls.OpenSource(path), cancellationToken)
            .ConfigureAwait(false);
        if (result.Refused is { } type)
        {
            throw new OwnerFileException(
                TransferErrorCode.SourceNotRegularFile,
                $"The source {path} is {UnixFileTypes.Describe(type)}; only regular files are copied (FIFOs, devices, sockets and directories are refused). Fix the path, then resume the job.");
        }

        ThrowIfFailed(result, path, runner.ActingAs(credentials));
        return new SourceFile(result.TakeFile(), result.Status.Size, result.Status.LastModified);
    }

    public async Task<ITempFile> OpenTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken)
    {
        var credentials = accounts.Resolve(owner);
        var acting = runner.ActingAs(credentials);
        var (directory, name) = Split(tempPath);
        using var result = await runner.RunAsync(
                credentials, () => UnixOwnerCalls.OpenTemp(directory, name, expected, resume, acting.UserId), cancellationToken)
            .ConfigureAwait(false);
        return Opened(result, tempPath, name, acting);
    }

    public async Task<ITempFile> TakeOverTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken)
    {
        var credentials = accounts.Resolve(owner);
        var acting = runner.ActingAs(credentials);
        var (directory, name) = Split(tempPath);
        using var result = await runner.RunAsync(
                credentials, () => UnixTempTakeover.TakeOver(directory, name, expected, resume, acting.UserId), cancellationToken)
            .ConfigureAwait(false);
        return Opened(result, tempPath, name, acting);
    }

    public async Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, bool replace, FileIdentity? expected, CancellationToken cancellationToken)
    {
        var credentials = accounts.Resolve(owner);
        var acting = runner.ActingAs(credentials);
        var (tempDirectory, tempName) = Split(tempPath);
        var (directory, name) = Split(localPath);
        using var result = await runner.RunAsync(
                credentials, () => UnixOwnerCalls.Move(tempDirectory, tempName, directory, name, acting.UserId, replace, expected), cancellationToken)
            .ConfigureAwait(false);
        ThrowIfMoveFailed(result, tempPath, localPath, replace, acting);
    }

    public async Task<(int Moved, Exception? Failure)> MoveManyIntoPlaceAsync(
        string? owner, IReadOnlyList<FileMove> moves, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var credentials = accounts.Resolve(owner);
        var acting = runner.ActingAs(credentials);

        // A path that names no file in a directory fails as the single move does, after the files before it moved.
        var named = new List<NamedMove>(moves.Count);
        Exception? unnamed = null;
        foreach (var move in moves)
        {
            try
            {
                named.Add(new NamedMove(Split(move.TempPath), Split(move.LocalPath), move.Expected));
            }
            catch (IOException e)
            {
                unnamed = e;
                break;
            }
        }

        var moved = 0;
        while (moved < named.Count)
        {
            var first = moved;
            var count = Math.Min(MovesPerOperation, named.Count - first);
            var (done, failed) = await runner.RunAsync(credentials, () => MoveEach(named, first, count, acting.UserId, replace), cancellationToken)
                .ConfigureAwait(false);
            moved = first + done;
            if (failed is null)
            {
                continue;
            }

            using (failed)
            {
                try
                {
                    ThrowIfMoveFailed(failed, moves[moved].TempPath, moves[moved].LocalPath, replace, acting);
                }
                catch (Exception e) when (e is OwnerFileException or IOException or UnauthorizedAccessException)
                {
                    return (moved, e);
                }
            }
        }

        return (moved, unnamed);
    }

    /// <summary>On an owner's thread: moves <paramref name="count"/> files from <paramref name="first"/> until one fails; returns how many moved and the failure.</summary>
    private static (int Moved, UnixCallResult? Failed) MoveEach(List<NamedMove> moves, int first, int count, uint owner, bool replace)
    {
        for (var i = 0; i < count; i++)
        {
            var (temp, local, expected) = moves[first + i];
            var result = UnixOwnerCalls.Move(temp.Directory, temp.Name, local.Directory, local.Name, owner, replace, expected);
            if (!result.Succeeded)
            {
                return (i, result);
            }

            result.Dispose();
        }

        return (count, null);
    }

    private static void ThrowIfMoveFailed(UnixCallResult result, string tempPath, string localPath, bool replace, UnixCredentials acting)
    {
        if (result.Refused is { } type)
        {
            throw new OwnerFileException(
                TransferErrorCode.DestinationNotRegularFile,
                $"The destination {localPath} is {UnixFileTypes.Describe(type)}; the service replaces only regular files and left it alone. Remove it or choose another name.");
        }

        if (result.NotOurs is { } reason)
        {
            throw new OwnerFileException(
                TransferErrorCode.RenameFailed,
                $"The temporary file {tempPath} is not the one the service wrote ({reason}); it was not moved to {localPath}.");
        }

        if (result.Busy)
        {
            throw new OwnerFileException(
                TransferErrorCode.DestinationInUse,
                $"The temporary file {tempPath} is locked by a writer still at work on it (another copy of this job, on this or another silo); it was not moved to {localPath}.",
                transient: true);
        }

        if (!replace && result.Errno == UnixErrno.Exists)
        {
            throw new OwnerFileException(
                TransferErrorCode.AlreadyExists,
                $"The destination {localPath} exists and may not be replaced; the file stays at {tempPath}.");
        }

        ThrowIfFailed(result, tempPath, acting);
    }

    public Task<DestinationRefusal?> CheckDestinationsAsync(string? owner, IReadOnlyList<string> localPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localPaths);
        if (localPaths.Count == 0)
        {
            return Task.FromResult<DestinationRefusal?>(null);
        }

        var credentials = accounts.Resolve(owner);

        // Named here: nothing on the owner's thread may read a file, and a new Guid may read /dev/urandom.
        var probeName = $".xfer-probe-{Guid.NewGuid():N}";
        return runner.RunAsync(
            credentials,
            () => UnixDestinationChecks.Check(
                localPaths,
                probeName,
                (directory, stamp) => probed.IsKnownWritable(credentials, directory, stamp),
                (directory, stamp) => probed.FoundWritable(credentials, directory, stamp)),
            cancellationToken);
    }

    public async Task<Exception?> DeleteTempAsync(string? owner, string tempPath, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = accounts.Resolve(owner);
            var acting = runner.ActingAs(credentials);
            var (directory, name) = Split(tempPath);
            using var result = await runner.RunAsync(
                    credentials, () => UnixOwnerCalls.Delete(directory, name, acting.UserId), cancellationToken)
                .ConfigureAwait(false);
            if (result.NotOurs is { } reason)
            {
                return new OwnerFileException(
                    TransferErrorCode.TempFileLost,
                    $"The file at the temporary name {tempPath} is not the service's ({reason}); it was left alone.");
            }

            ThrowIfFailed(result, tempPath, acting);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OwnerFileException)
        {
            return ex;
        }
    }

    private UnixTempFile Opened(UnixCallResult result, string tempPath, string name, UnixCredentials acting)
    {
        if (result.Refused is { } type)
        {
            throw new OwnerFileException(
                TransferErrorCode.DestinationNotRegularFile,
                $"The temporary file name {tempPath} is taken by {UnixFileTypes.Describe(type)}, which the service does not remove; remove it, then resume the job.");
        }

        if (result.Busy)
        {
            throw new OwnerFileException(
                TransferErrorCode.DestinationInUse,
                $"The temporary file {tempPath} is locked by another writer (another copy of this job, on this or another silo, still holding it); it was left as it is and the job retries later.",
                transient: true);
        }

        ThrowIfFailed(result, tempPath, acting);
        if (result.Rejected is { } reason)
        {
            LogTempFileNotResumed(logger, tempPath, reason);
        }

        return new UnixTempFile(result.TakeDirectory(), name, result.TakeFile(), result.Status, result.Resumed);
    }

    private static (string Directory, string Name) Split(string path)
    {
        var directory = Path.GetDirectoryName(path);
        var name = Path.GetFileName(path);
        return string.IsNullOrEmpty(directory) || name.Length == 0
            ? throw new IOException($"'{path}' does not name a file in a directory.")
            : (directory, name);
    }

    /// <summary>The errno as the exception .NET's own file APIs would throw (HResult the errno, as .NET sets it on Unix).</summary>
    private static void ThrowIfFailed(UnixCallResult result, string path, UnixCredentials acting)
    {
        if (result.Errno == 0)
        {
            return;
        }

        var message = $"could not {result.Step} {path} with the rights of the job's owner (uid {acting.UserId}): {UnixFileCalls.Describe(result.Errno)}.";
        throw result.Errno switch
        {
            UnixErrno.AccessDenied or UnixErrno.NotPermitted => new UnauthorizedAccessException(message, new IOException(message, result.Errno)),
            UnixErrno.NoEntry or UnixErrno.NotDirectory => new DirectoryNotFoundException(message),
            _ => new IOException(message, result.Errno),
        };
    }

    private readonly record struct NamedMove((string Directory, string Name) Temp, (string Directory, string Name) Local, FileIdentity? Expected);
}
