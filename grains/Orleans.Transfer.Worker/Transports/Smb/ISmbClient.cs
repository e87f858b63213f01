namespace Orleans.Transfer.Worker;

/// <summary>
/// The platform's SMB client, as the smb transport uses it: libsmbclient on Linux (<c>LibSmbClient</c>, every native
/// call on one dedicated thread, since the library is not thread-safe), UNC paths through the file APIs on Windows
/// (<c>WindowsSmbClient</c>). Failures are <see cref="SmbException"/>s with a <see cref="SmbErrorKind"/>. A null
/// credential connects anonymously (never with the service's own Kerberos ticket or stored password).
/// </summary>
internal interface ISmbClient
{
    /// <summary>Opens an existing regular file for reading; <see cref="ISmbFile.Info"/> is its size and last-write time then.</summary>
    Task<ISmbFile> OpenReadAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken);

    /// <summary>Opens a file for writing, creating it when missing and keeping its bytes when present (no truncation).</summary>
    Task<ISmbFile> OpenWriteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken);

    /// <summary>The file's size, last-write time and kind, or null when it does not exist.</summary>
    Task<SmbFileInfo?> StatAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> on the same share, replacing a file already there.</summary>
    Task RenameAsync(SmbLocation from, SmbLocation to, SmbCredential? credential, CancellationToken cancellationToken);

    /// <summary>Deletes a file; nothing happens when it does not exist.</summary>
    Task DeleteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken);

    /// <summary>Sets a file's last-write (and last-access) time (B47: timestamps propagate).</summary>
    Task SetLastWriteTimeAsync(SmbLocation file, DateTimeOffset lastWriteTime, SmbCredential? credential, CancellationToken cancellationToken);
}
