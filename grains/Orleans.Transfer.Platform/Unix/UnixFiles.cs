using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>File facts .NET does not give on Unix, read without following a symbolic link at the path.</summary>
public static unsafe class UnixFiles
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxBufferBytes = 256;

    // struct statx: stx_mode (__u16) sits at byte 28 on every architecture.
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;

    /// <summary>The type of the file at <paramref name="path"/> itself (a symbolic link is reported as one), or null when nothing is there.</summary>
    /// <exception cref="IOException">The path cannot be examined (permissions, a file in the way of a directory, ...).</exception>
    public static UnixFileType? TypeOf(string path)
    {
        var buffer = stackalloc byte[StatxBufferBytes];
        if (LibC.Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == LibC.ENOENT
                ? null
                : throw new IOException($"{path} cannot be examined (errno {errno}); check its directory's permissions.");
        }

        return (UnixFileType)(*(ushort*)(buffer + ModeOffset) & FileTypeMask);
    }
}
