using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// Descriptor-relative file calls (openat, statx, renameat2, linkat, unlinkat, fchmod, fcntl locks, close), the means to act on a
/// directory that cannot be swapped under the caller. They return the errno instead of throwing, so that they can run
/// on a thread whose identity is switched and leave every interpretation (messages, exceptions) for after.
/// </summary>
public static unsafe class UnixFileCalls
{
    /// <summary>AT_FDCWD: a path relative to the current directory (or absolute).</summary>
    public const int CurrentDirectory = -100;

    /// <summary>RENAME_NOREPLACE: fail with EEXIST instead of replacing the new name.</summary>
    public const uint NoReplace = 1;

    // fcntl(2): F_OFD_SETLK (every Linux architecture), F_WRLCK; struct flock is 32 bytes on 64-bit Linux.
    private const int OpenFileDescriptionSetLock = 37;
    private const short ReadLock = 0;
    private const short WriteLock = 1;
    private const int FileLockBytes = 32;

    private const int SymlinkNoFollow = 0x100;
    private const int EmptyPath = 0x1000;

    // STATX_BASIC_STATS: type, mode, nlink, uid, gid, times, ino, size, blocks.
    private const uint BasicStats = 0x7ff;
    private const int StatxBufferBytes = 256;

    /// <summary>openat(2): the new descriptor, or minus the errno.</summary>
    public static int OpenAt(int directory, string path, int flags, uint mode = 0)
    {
        var descriptor = LibC.OpenAt(directory, path, flags | UnixOpenFlags.CloseOnExec, mode);
        return descriptor >= 0 ? descriptor : -Marshal.GetLastPInvokeError();
    }

    /// <summary>statx(2) of <paramref name="path"/> in <paramref name="directory"/>: 0 or the errno.</summary>
    public static int StatAt(int directory, string path, bool followLinks, out UnixFileStatus status) =>
        Stat(directory, path, followLinks ? 0 : SymlinkNoFollow, out status);

    /// <summary>statx(2) of an open descriptor: 0 or the errno.</summary>
    public static int StatDescriptor(int descriptor, out UnixFileStatus status) =>
        Stat(descriptor, string.Empty, EmptyPath | SymlinkNoFollow, out status);

    /// <summary>renameat2(2): 0 or the errno.</summary>
    public static int RenameAt(int oldDirectory, string oldName, int newDirectory, string newName, uint flags) =>
        Result(LibC.RenameAt(oldDirectory, oldName, newDirectory, newName, flags));

    /// <summary>linkat(2) without following a symbolic link at <paramref name="oldName"/>: 0 or the errno.</summary>
    public static int LinkAt(int oldDirectory, string oldName, int newDirectory, string newName) =>
        Result(LibC.LinkAt(oldDirectory, oldName, newDirectory, newName, 0));

    /// <summary>unlinkat(2) of a non-directory: 0 or the errno.</summary>
    public static int UnlinkAt(int directory, string name) => Result(LibC.UnlinkAt(directory, name, 0));

    /// <summary>fchmod(2): 0 or the errno.</summary>
    public static int ChangeMode(int descriptor, uint mode) => Result(LibC.ChangeMode(descriptor, mode));

    /// <summary>
    /// An open file description lock (F_OFD_SETLK, F_WRLCK) on the whole file, without waiting: 0,
    /// <see cref="UnixErrno.WouldBlock"/> when another open of the file (in this process or another, on this host or,
    /// over NFS, another) holds a lock on it, or another errno (a file system without locks). The descriptor must be
    /// open for writing. Released when the last descriptor of this open is closed. Unlike flock(2), which .NET takes
    /// for FileShare on Unix, it leaves .NET's readers (a shared flock) alone.
    /// </summary>
    public static int TryLockExclusive(int descriptor) => TryLock(descriptor, WriteLock);

    /// <summary>
    /// As <see cref="TryLockExclusive"/>, a read lock (F_RDLCK): <see cref="UnixErrno.WouldBlock"/> only when another
    /// open holds a write lock, that is, a writer is at work on the file. The descriptor may be open for reading only.
    /// </summary>
    public static int TryLockShared(int descriptor) => TryLock(descriptor, ReadLock);

    /// <summary>close(2), for a descriptor not (yet) owned by a SafeHandle.</summary>
    public static void Close(int descriptor) => LibC.Close(descriptor);

    /// <summary>The C library's text for <paramref name="errno"/>.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static int Result(int returned) => returned == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static int TryLock(int descriptor, short type)
    {
        // l_type @0 (short), l_whence @2 = SEEK_SET, l_start @8 = 0, l_len @16 = 0 (to the end), l_pid @24 = 0.
        var request = stackalloc byte[FileLockBytes];
        new Span<byte>(request, FileLockBytes).Clear();
        *(short*)request = type;
        var error = Result(LibC.FileControl(descriptor, OpenFileDescriptionSetLock, request));
        return error == UnixErrno.AccessDenied ? UnixErrno.WouldBlock : error;
    }

    private static int Stat(int directory, string path, int flags, out UnixFileStatus status)
    {
        var buffer = stackalloc byte[StatxBufferBytes];
        if (LibC.Statx(directory, path, flags, BasicStats, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }

        // struct statx, the same on every architecture: nlink @16, uid @20, gid @24, mode @28 (u16), ino @32,
        // size @40, mtime @112 (i64 seconds, u32 nanoseconds), dev_major @136, dev_minor @140.
        var mode = *(ushort*)(buffer + 28);
        var seconds = *(long*)(buffer + 112);
        var nanoseconds = *(uint*)(buffer + 120);
        status = new UnixFileStatus(
            (UnixFileType)(mode & 0xF000),
            (uint)(mode & 0xFFF),
            *(uint*)(buffer + 20),
            *(uint*)(buffer + 24),
            *(uint*)(buffer + 16),
            ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140),
            *(ulong*)(buffer + 32),
            *(long*)(buffer + 40),
            DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100));
        return 0;
    }
}
