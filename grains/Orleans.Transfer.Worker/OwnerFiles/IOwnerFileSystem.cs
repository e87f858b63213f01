using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Every file operation a job makes by name (opening, creating, renaming, deleting), made with the rights of the job's
/// owner, so that the operating system decides what the owner may touch, ACLs and groups included; reads and writes
/// on the opened files go on as before. An <c>owner</c> is the job's owner string (<c>unix:&lt;uid&gt;</c>, a local
/// user name, or a trusted service's own name; see <see cref="OwnerFileAccessOptions"/>). Operations the service
/// refuses by its own rules throw <see cref="OwnerFileException"/>; operating system errors throw the usual
/// <see cref="UnauthorizedAccessException"/>, <see cref="FileNotFoundException"/>,
/// <see cref="DirectoryNotFoundException"/> or <see cref="IOException"/> (HResult the errno on Unix). Cancelling stops
/// the wait at once, even when the operation itself is stuck (a hung network file system).
/// </summary>
internal interface IOwnerFileSystem
{
    /// <summary>Opens <paramref name="path"/> for reading: regular files only (symbolic links to them are followed).</summary>
    Task<SourceFile> OpenSourceAsync(string? owner, string path, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the temporary file <paramref name="tempPath"/>. With <paramref name="resume"/> an existing file is kept
    /// when it is still the service's: a regular file with one link, owned by the owner, and the
    /// <paramref name="expected"/> file when that is known. Anything else at the name (a symbolic or hard link
    /// planted there, another file) is never written through: the name is removed and a new, empty file created.
    /// </summary>
    Task<ITempFile> OpenTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="OpenTempAsync"/>, when the temporary file is held by a writer that will not write again (its silo
    /// was declared dead, see docs/cluster.md): its bytes (with <paramref name="resume"/>, when it is the service's
    /// <paramref name="expected"/> file) are copied into a new file that replaces it at the name, and the old writer is
    /// left with a nameless file. When nobody holds it any more, the ordinary open. Throws <see cref="OwnerFileException"/>
    /// (<see cref="TransferErrorCode.DestinationInUse"/>, transient) where it cannot be taken over (Windows).
    /// </summary>
    Task<ITempFile> TakeOverTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken);

    /// <summary>
    /// Complete: renames <paramref name="tempPath"/> to <paramref name="localPath"/>, which may replace a regular file
    /// (only with <paramref name="replace"/>; otherwise any existing name throws <see cref="OwnerFileException"/> with
    /// <see cref="TransferErrorCode.AlreadyExists"/>, atomically) but nothing else; the file ends up with mode 0644,
    /// owned by the owner. With <paramref name="expected"/>, only that file (the last checkpoint's) is moved: another
    /// file at the temporary name (a survivor's, after a takeover) throws <see cref="OwnerFileException"/>
    /// (<see cref="TransferErrorCode.RenameFailed"/>); a file a writer still holds is never moved (DestinationInUse, transient).
    /// </summary>
    Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, bool replace, FileIdentity? expected, CancellationToken cancellationToken);

    /// <summary>
    /// Complete of many files: <see cref="MoveIntoPlaceAsync"/> for each of <paramref name="moves"/> in order, stopping at
    /// the first that fails; returns how many were moved and what the failed one threw (an
    /// <see cref="OwnerFileException"/>, <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>), or null.
    /// </summary>
    async Task<(int Moved, Exception? Failure)> MoveManyIntoPlaceAsync(
        string? owner, IReadOnlyList<FileMove> moves, bool replace, CancellationToken cancellationToken)
    {
        for (var i = 0; i < moves.Count; i++)
        {
            try
            {
                await MoveIntoPlaceAsync(owner, moves[i].TempPath, moves[i].LocalPath, replace, moves[i].Expected, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is OwnerFileException or IOException or UnauthorizedAccessException)
            {
                return (i, e);
            }
        }

        return (moves.Count, null);
    }

    /// <summary>
    /// The create-time checks of a request's local paths (full paths that name a file), as the owner and in one trip
    /// for all of them: each distinct directory must exist and the owner must be able to create a file in it (a probe
    /// created with O_EXCL and removed), and no path may be an existing directory. Returns the first path that fails
    /// and why (InvalidLocalPath, DestinationNotFound, DestinationNotWritable), or null. A directory the owner may not
    /// reach is DestinationNotWritable whether it exists or not, so the answer does not tell. The owner's thread reads
    /// <paramref name="localPaths"/> as given, not a copy: pass an array no one changes until the task ends.
    /// </summary>
    Task<DestinationRefusal?> CheckDestinationsAsync(string? owner, IReadOnlyList<string> localPaths, CancellationToken cancellationToken);

    /// <summary>Cancel: deletes <paramref name="tempPath"/> if it is still the service's; returns why not instead of throwing.</summary>
    Task<Exception?> DeleteTempAsync(string? owner, string tempPath, CancellationToken cancellationToken);
}
