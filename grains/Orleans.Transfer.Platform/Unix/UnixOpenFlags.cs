using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// open(2) flags on Linux. Most are the same on every architecture; O_DIRECTORY and O_NOFOLLOW differ between the x86
/// and the Arm families.
/// </summary>
public static class UnixOpenFlags
{
    /// <summary>O_RDONLY.</summary>
    public const int ReadOnly = 0;

    /// <summary>O_RDWR.</summary>
    public const int ReadWrite = 2;

    /// <summary>O_CREAT.</summary>
    public const int Create = 0x40;

    /// <summary>O_EXCL: with <see cref="Create"/>, fail with EEXIST when anything (a symbolic link included) has the name.</summary>
    public const int Exclusive = 0x80;

    /// <summary>O_NOCTTY: opening a terminal never makes it the process's controlling terminal.</summary>
    public const int NoControllingTerminal = 0x100;

    /// <summary>O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.</summary>
    public const int NonBlocking = 0x800;

    /// <summary>O_CLOEXEC.</summary>
    public const int CloseOnExec = 0x80000;

    /// <summary>O_PATH: a descriptor that names a file (a directory to work relative to) without opening its content.</summary>
    public const int PathOnly = 0x200000;

    private static readonly bool s_arm =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6;

    /// <summary>O_DIRECTORY: fail unless the path names a directory.</summary>
    public static int Directory => s_arm ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW: fail with ELOOP when the last component of the path is a symbolic link.</summary>
    public static int NoFollow => s_arm ? 0x8000 : 0x20000;
}
