namespace Orleans.Transfer.Worker;

/// <summary>What went wrong on a share, as the smb transport maps it to a <see cref="TransferFailure"/>.</summary>
internal enum SmbErrorKind
{
    /// <summary>Anything else (the message and native error say what): fatal.</summary>
    Other = 0,

    /// <summary>The file or a directory on its path does not exist (ENOENT, ENOTDIR): fatal (B128).</summary>
    NotFound = 1,

    /// <summary>The server has no such share (ENODEV, or ENOENT at the share): fatal.</summary>
    ShareNotFound = 2,

    /// <summary>The user may not open the file or share (EACCES, EPERM): fatal (B128).</summary>
    AccessDenied = 3,

    /// <summary>The server refused the credentials (logon failure): fatal.</summary>
    AuthenticationFailed = 4,

    /// <summary>No connection could be made (ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, name not found): transient.</summary>
    Unreachable = 5,

    /// <summary>The connection broke or timed out mid-transfer (ECONNRESET, EPIPE, ETIMEDOUT, EIO): transient.</summary>
    ConnectionLost = 6,

    /// <summary>The share is full or over quota (ENOSPC, EDQUOT): fatal until space is freed.</summary>
    NoSpace = 7,

    /// <summary>The name is a directory, not a file (EISDIR): fatal.</summary>
    IsDirectory = 8,

    /// <summary>This machine has no SMB client (libsmbclient.so.0 missing): fatal, the message names the package.</summary>
    ClientMissing = 9,
}
