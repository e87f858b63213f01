using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The create-time checks of <see cref="IOwnerFileSystem.CheckDestinationsAsync"/>, run on a thread that acts as the
/// job's owner, so the kernel answers with the owner's uid, groups and ACLs: system calls only, each distinct directory
/// opened and probed once, and not probed again while it is known writable for the owner (<see cref="ProbedDirectories"/>).
/// </summary>
internal static class UnixDestinationChecks
{
    private const uint ProbeMode = 0b110_000_000;

    /// <summary>
    /// The first of <paramref name="paths"/> (full paths that name a file) the owner cannot use, or null.
    /// <paramref name="probeName"/> is the name of the file created and removed in each directory;
    /// <paramref name="isKnownWritable"/> says whether a directory with that stamp was found writable just before, and
    /// <paramref name="foundWritable"/> hears of each one the probe found writable.
    /// </summary>
    public static DestinationRefusal? Check(
        IReadOnlyList<string> paths,
        string probeName,
        Func<string, DirectoryStamp, bool> isKnownWritable,
        Action<string, DirectoryStamp> foundWritable) =>
        DestinationChecks.FirstRefused(
            paths,
            IsDirectory,
            directory => CheckDirectory(directory, probeName, isKnownWritable, foundWritable),
            StringComparer.Ordinal);

    // A lookup the owner may not make (EACCES) says nothing: the directory's own check answers for it.
    private static bool IsDirectory(string path) =>
        UnixFileCalls.StatAt(UnixFileCalls.CurrentDirectory, path, followLinks: true, out var status) == 0
        && status.Type == UnixFileType.Directory;

    /// <summary>
    /// Null when the owner can create a file in <paramref name="directory"/>. A directory the owner may not reach
    /// (EACCES on a parent) is not writable for them, whether it exists or not: the answer must not tell which.
    /// </summary>
    private static TransferErrorCode? CheckDirectory(
        string directory, string probeName, Func<string, DirectoryStamp, bool> isKnownWritable, Action<string, DirectoryStamp> foundWritable)
    {
        var descriptor = UnixFileCalls.OpenAt(
            UnixFileCalls.CurrentDirectory, directory, UnixOpenFlags.PathOnly | UnixOpenFlags.Directory);
        if (descriptor < 0)
        {
            return -descriptor is UnixErrno.AccessDenied or UnixErrno.NotPermitted
                ? TransferErrorCode.DestinationNotWritable
                : TransferErrorCode.DestinationNotFound;
        }

        try
        {
            var stamp = StampOf(descriptor);
            if (stamp is { } known && isKnownWritable(directory, known))
            {
                return null;
            }

            // O_EXCL|O_NOFOLLOW creates a new file or fails, never opens what is there; any failure (EACCES, EROFS,
            // ENOSPC, a name someone planted) is a directory the service would fail to write in.
            var probe = UnixFileCalls.OpenAt(
                descriptor,
                probeName,
                UnixOpenFlags.ReadWrite | UnixOpenFlags.Create | UnixOpenFlags.Exclusive | UnixOpenFlags.NoFollow,
                ProbeMode);
            if (probe < 0)
            {
                return TransferErrorCode.DestinationNotWritable;
            }

            UnixFileCalls.Close(probe);
            UnixFileCalls.UnlinkAt(descriptor, probeName);

            // Remembered only if nothing the stamp holds changed while the probe ran: a mode widened just before the
            // probe and narrowed again after it must not leave the narrow stamp known as writable.
            if (stamp is { } found && StampOf(descriptor) == found)
            {
                foundWritable(directory, found);
            }

            return null;
        }
        finally
        {
            UnixFileCalls.Close(descriptor);
        }
    }

    private static DirectoryStamp? StampOf(int descriptor) =>
        UnixFileCalls.StatDescriptor(descriptor, out var status) == 0 ? DirectoryStamp.Of(status) : null;
}
