namespace Orleans.Transfer.Platform.Unix;

/// <summary>The errno values the file calls' callers act on (Linux, every architecture).</summary>
public static class UnixErrno
{
    /// <summary>EPERM.</summary>
    public const int NotPermitted = 1;

    /// <summary>ENOENT.</summary>
    public const int NoEntry = 2;

    /// <summary>EAGAIN, the same number as EWOULDBLOCK on Linux.</summary>
    public const int WouldBlock = 11;

    /// <summary>EACCES.</summary>
    public const int AccessDenied = 13;

    /// <summary>EEXIST.</summary>
    public const int Exists = 17;

    /// <summary>EXDEV.</summary>
    public const int CrossDevice = 18;

    /// <summary>ENOTDIR.</summary>
    public const int NotDirectory = 20;

    /// <summary>EISDIR.</summary>
    public const int IsDirectory = 21;

    /// <summary>EINVAL.</summary>
    public const int Invalid = 22;

    /// <summary>ENOSPC.</summary>
    public const int NoSpace = 28;

    /// <summary>EROFS.</summary>
    public const int ReadOnlyFileSystem = 30;

    /// <summary>ENOSYS.</summary>
    public const int NotImplemented = 38;

    /// <summary>ELOOP: too many symbolic links, or O_NOFOLLOW met one.</summary>
    public const int SymbolicLinkLoop = 40;
}
