using Microsoft.Win32.SafeHandles;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The file operations themselves, run on a thread that acts as the job's owner: system calls only, every name
/// looked up relative to a directory descriptor, no symbolic link followed at a name the service creates, replaces or
/// deletes. The kernel decides what the owner may do; these add the service's own rules (regular files only, a
/// temporary file must be the service's).
/// </summary>
internal static class UnixOwnerCalls
{
    private const uint TempFileMode = 0b110_000_000;   // 0600 while the file is incomplete
    private const uint FinalFileMode = 0b110_100_100;  // 0644, what a download gets under the usual umask 022

    private static int ReadOnlyNoSideEffects =>
        UnixOpenFlags.ReadOnly | UnixOpenFlags.NonBlocking | UnixOpenFlags.NoControllingTerminal;

    /// <summary>A source file: looked at before it is opened, so a FIFO or device is never opened; checked again after.</summary>
    public static UnixCallResult OpenSource(string path)
    {
        var error = UnixFileCalls.StatAt(UnixFileCalls.CurrentDirectory, path, followLinks: true, out var before);
        if (error != 0)
        {
            return UnixCallResult.Failed(error, "open the source file");
        }

        if (before.Type != UnixFileType.Regular)
        {
            return UnixCallResult.OfType(before.Type);
        }

        // O_NONBLOCK: should the name turn into a FIFO in between, opening it does not wait for a writer.
        var descriptor = UnixFileCalls.OpenAt(UnixFileCalls.CurrentDirectory, path, ReadOnlyNoSideEffects);
        if (descriptor < 0)
        {
            return UnixCallResult.Failed(-descriptor, "open the source file");
        }

        var file = new SafeFileHandle(descriptor, ownsHandle: true);
        error = UnixFileCalls.StatDescriptor(descriptor, out var opened);
        if (error != 0 || opened.Type != UnixFileType.Regular)
        {
            file.Dispose();
            return error != 0 ? UnixCallResult.Failed(error, "examine the source file") : UnixCallResult.OfType(opened.Type);
        }

        return UnixCallResult.Opened(null, file, opened);
    }

    /// <summary>See <see cref="IOwnerFileSystem.OpenTempAsync"/>.</summary>
    public static UnixCallResult OpenTemp(string directory, string name, FileIdentity? expected, bool resume, uint owner)
    {
        var directoryDescriptor = OpenDirectory(directory);
        if (directoryDescriptor < 0)
        {
            return UnixCallResult.Failed(-directoryDescriptor, "open the destination directory of");
        }

        var folder = new SafeFileHandle(directoryDescriptor, ownsHandle: true);

        // The next run of the job clears what a survivor that died mid-takeover left beside its file.
        UnixTempTakeover.RemoveAbandoned(directoryDescriptor, name);
        string? rejected = null;
        if (resume)
        {
            var flags = UnixOpenFlags.ReadWrite | UnixOpenFlags.NoFollow | UnixOpenFlags.NonBlocking | UnixOpenFlags.NoControllingTerminal;
            var existing = UnixFileCalls.OpenAt(directoryDescriptor, name, flags);
            if (existing >= 0)
            {
                if (UnixFileCalls.TryLockExclusive(existing) == UnixErrno.WouldBlock)
                {
                    UnixFileCalls.Close(existing);
                    folder.Dispose();
                    return UnixCallResult.Held();
                }

                var error = UnixFileCalls.StatDescriptor(existing, out var status);
                rejected = error != 0 ? UnixFileCalls.Describe(error) : NotOurs(status, owner, expected);
                if (rejected is null)
                {
                    return UnixCallResult.Opened(folder, new SafeFileHandle(existing, ownsHandle: true), status, resumed: true);
                }

                UnixFileCalls.Close(existing);
            }
            else if (-existing != UnixErrno.NoEntry)
            {
                rejected = -existing == UnixErrno.SymbolicLinkLoop
                    ? "it is a symbolic link"
                    : $"it cannot be opened ({UnixFileCalls.Describe(-existing)})";
            }
        }
        else if (HeldByAnother(directoryDescriptor, name))
        {
            folder.Dispose();
            return UnixCallResult.Held();
        }

        // Whatever has the name now (a stale file, a planted link) only loses that name: unlinking never touches the
        // file a link points to. Then O_EXCL|O_NOFOLLOW creates a new file or fails; it never opens an existing one.
        var removed = UnixFileCalls.UnlinkAt(directoryDescriptor, name);
        if (removed == UnixErrno.IsDirectory)
        {
            folder.Dispose();
            return UnixCallResult.OfType(UnixFileType.Directory);
        }

        if (removed is not (0 or UnixErrno.NoEntry))
        {
            folder.Dispose();
            return UnixCallResult.Failed(removed, "remove the old file at the name of");
        }

        var created = UnixFileCalls.OpenAt(
            directoryDescriptor,
            name,
            UnixOpenFlags.ReadWrite | UnixOpenFlags.Create | UnixOpenFlags.Exclusive | UnixOpenFlags.NoFollow,
            TempFileMode);
        if (created < 0)
        {
            folder.Dispose();
            return UnixCallResult.Failed(-created, "create");
        }

        var file = new SafeFileHandle(created, ownsHandle: true);
        if (UnixFileCalls.TryLockExclusive(created) == UnixErrno.WouldBlock)
        {
            // Someone opened the new file by its name and locked it first: theirs to write, not ours.
            file.Dispose();
            folder.Dispose();
            return UnixCallResult.Held();
        }

        var statError = UnixFileCalls.StatDescriptor(created, out var createdStatus);
        if (statError != 0)
        {
            file.Dispose();
            folder.Dispose();
            return UnixCallResult.Failed(statError, "examine");
        }

        return UnixCallResult.Opened(folder, file, createdStatus, resumed: false, rejected);
    }

    /// <summary>See <see cref="IOwnerFileSystem.MoveIntoPlaceAsync"/>.</summary>
    public static UnixCallResult Move(
        string tempDirectory, string tempName, string directory, string name, uint owner, bool replace, FileIdentity? expected)
    {
        var from = OpenDirectory(tempDirectory);
        if (from < 0)
        {
            return UnixCallResult.Failed(-from, "open the directory of the temporary file");
        }

        using var fromHandle = new SafeFileHandle(from, ownsHandle: true);
        var to = string.Equals(tempDirectory, directory, StringComparison.Ordinal) ? from : OpenDirectory(directory);
        if (to < 0)
        {
            return UnixCallResult.Failed(-to, "open the destination directory");
        }

        using var toHandle = to == from ? null : new SafeFileHandle(to, ownsHandle: true);
        var temp = UnixFileCalls.OpenAt(from, tempName, ReadOnlyNoSideEffects | UnixOpenFlags.NoFollow);
        if (temp < 0)
        {
            return -temp == UnixErrno.NoEntry && expected is { } moved && IsInPlace(to, name, owner, moved)
                ? UnixCallResult.Ok
                : UnixCallResult.Failed(-temp, "open the temporary file");
        }

        using var tempHandle = new SafeFileHandle(temp, ownsHandle: true);
        var error = UnixFileCalls.StatDescriptor(temp, out var status);
        if (error != 0)
        {
            return UnixCallResult.Failed(error, "examine the temporary file");
        }

        if (NotOurs(status, owner, expected) is { } reason)
        {
            return UnixCallResult.Foreign(reason);
        }

        // A writer still at work on the file (a stale activation's worker, or a survivor's after a takeover) holds a
        // write lock: the file is not complete, whatever the caller's state says. Held through the rename.
        if (UnixFileCalls.TryLockShared(temp) == UnixErrno.WouldBlock)
        {
            return UnixCallResult.Held();
        }

        // Through the descriptor: the mode lands on the file checked above, whatever has its name by now.
        error = UnixFileCalls.ChangeMode(temp, FinalFileMode);
        return error != 0 ? UnixCallResult.Failed(error, "set the mode of the temporary file") : Rename(from, tempName, to, name, replace);
    }

    // Moved already: the silo that moved it died before the job's state said so (its Acknowledged write was lost), and
    // the job's next activation completes it again. The file the last checkpoint recorded (device and inode), the
    // owner's, with one name, has the destination's name. A file the owner put there after deleting it may reuse the
    // inode; it is the owner's own file at the owner's path either way, so no one gains rights.
    private static bool IsInPlace(int directory, string name, uint owner, FileIdentity expected) =>
        UnixFileCalls.StatAt(directory, name, followLinks: false, out var status) == 0 && NotOurs(status, owner, expected) is null;

    /// <summary>See <see cref="IOwnerFileSystem.DeleteTempAsync"/>.</summary>
    public static UnixCallResult Delete(string directory, string name, uint owner)
    {
        var descriptor = OpenDirectory(directory);
        if (descriptor < 0)
        {
            return -descriptor == UnixErrno.NoEntry ? UnixCallResult.Ok : UnixCallResult.Failed(-descriptor, "open the directory of");
        }

        using var folder = new SafeFileHandle(descriptor, ownsHandle: true);
        var error = UnixFileCalls.StatAt(descriptor, name, followLinks: false, out var status);
        if (error != 0)
        {
            return error == UnixErrno.NoEntry ? UnixCallResult.Ok : UnixCallResult.Failed(error, "examine");
        }

        if (NotOurs(status, owner, expected: null) is { } reason)
        {
            return UnixCallResult.Foreign(reason);
        }

        error = UnixFileCalls.UnlinkAt(descriptor, name);
        return error is 0 or UnixErrno.NoEntry ? UnixCallResult.Ok : UnixCallResult.Failed(error, "delete");
    }

    /// <summary>
    /// Why <paramref name="status"/> is not a temporary file of the service's for <paramref name="owner"/>, or null:
    /// a regular file with a single name, owned by the owner, and the <paramref name="expected"/> one when known.
    /// </summary>
    public static string? NotOurs(UnixFileStatus status, uint owner, FileIdentity? expected)
    {
        if (status.Type != UnixFileType.Regular)
        {
            return $"it is {UnixFileTypes.Describe(status.Type)}";
        }

        if (status.LinkCount != 1)
        {
            return $"it has {status.LinkCount} names (hard links)";
        }

        if (status.UserId != owner)
        {
            return $"it belongs to uid {status.UserId}, not to the job's owner (uid {owner})";
        }

        return expected is { } known && (known.Device != status.Device || known.Inode != status.Inode)
            ? "it is not the file the last checkpoint recorded (another inode)"
            : null;
    }

    /// <summary>
    /// True when a regular file at <paramref name="name"/> is locked by another open (another writer's temporary
    /// file, which the service must not remove under it). Only a regular file is opened, so a device or FIFO planted
    /// at the name is never opened.
    /// </summary>
    internal static bool HeldByAnother(int directory, string name)
    {
        if (UnixFileCalls.StatAt(directory, name, followLinks: false, out var status) != 0 || status.Type != UnixFileType.Regular)
        {
            return false;
        }

        // Read-write: a write lock needs a descriptor open for writing.
        var flags = UnixOpenFlags.ReadWrite | UnixOpenFlags.NoFollow | UnixOpenFlags.NonBlocking | UnixOpenFlags.NoControllingTerminal;
        var descriptor = UnixFileCalls.OpenAt(directory, name, flags);
        if (descriptor < 0)
        {
            return false;
        }

        var held = UnixFileCalls.TryLockExclusive(descriptor) == UnixErrno.WouldBlock;
        UnixFileCalls.Close(descriptor);
        return held;
    }

    private static int OpenDirectory(string path) =>
        UnixFileCalls.OpenAt(UnixFileCalls.CurrentDirectory, path, UnixOpenFlags.PathOnly | UnixOpenFlags.Directory);

    /// <summary>
    /// Replaces only a regular file, and only with <paramref name="replace"/> (else EEXIST). Nothing at the name: RENAME_NOREPLACE (or, where the file system lacks it,
    /// link-then-unlink, also atomic against replacing). A regular file: a plain rename. Between the check and that
    /// rename someone who may write the directory could put something else at the name; the rename then replaces that
    /// name (never writes through it), which they could have done themselves, with the same rights.
    /// </summary>
    private static UnixCallResult Rename(int from, string tempName, int to, string name, bool replace)
    {
        for (var attempt = 0; ; attempt++)
        {
            var error = UnixFileCalls.StatAt(to, name, followLinks: false, out var destination);
            if (error == UnixErrno.NoEntry)
            {
                error = UnixFileCalls.RenameAt(from, tempName, to, name, UnixFileCalls.NoReplace);
                if (error is UnixErrno.Invalid or UnixErrno.NotImplemented)
                {
                    error = UnixFileCalls.LinkAt(from, tempName, to, name);
                    if (error == 0)
                    {
                        error = UnixFileCalls.UnlinkAt(from, tempName);
                    }
                }

                if (error == UnixErrno.Exists && attempt == 0)
                {
                    continue;
                }

                return error == 0 ? UnixCallResult.Ok : UnixCallResult.Failed(error, "rename");
            }

            if (error != 0)
            {
                return UnixCallResult.Failed(error, "examine the destination");
            }

            if (!replace)
            {
                return UnixCallResult.Failed(UnixErrno.Exists, "rename");
            }

            if (destination.Type != UnixFileType.Regular)
            {
                return UnixCallResult.OfType(destination.Type);
            }

            error = UnixFileCalls.RenameAt(from, tempName, to, name, flags: 0);
            return error == 0 ? UnixCallResult.Ok : UnixCallResult.Failed(error, "rename");
        }
    }
}
