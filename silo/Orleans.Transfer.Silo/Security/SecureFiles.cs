namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// Files only the service account may read (the private key) next to files every account may read (the public
/// certificate clients pin). Unix modes here; Windows ACLs in <see cref="WindowsFileAcl"/>.
/// </summary>
internal static class SecureFiles
{
    // Others may open service.crt by name but may not list the directory or write to it.
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the directory, or resets the permissions of an existing one (which fails unless this account owns it).</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            WindowsFileAcl.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Writes a new file only this account can read; never replaces an existing one.</summary>
    public static void WritePrivate(string path, ReadOnlySpan<byte> content) => Write(path, content, isPublic: false, overwrite: false);

    /// <summary>Writes or replaces a file every account can read.</summary>
    public static void WritePublic(string path, ReadOnlySpan<byte> content) => Write(path, content, isPublic: true, overwrite: true);

    /// <summary>
    /// The reason <paramref name="path"/> is not private to this account, or null. Unix only: on Windows the ACL set at
    /// creation is trusted (not checked again).
    /// </summary>
    public static string? WhyNotPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOther) == 0
            ? null
            : $"other accounts have access to it (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}, expected 0600)";
    }

    // Written beside the target and renamed over it, so a crash never leaves a half-written certificate.
    private static void Write(string path, ReadOnlySpan<byte> content, bool isPublic, bool overwrite)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = OperatingSystem.IsWindows()
            ? WindowsFileAcl.CreateFile(temporary, isPublic)
            : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateMode }))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // Set after creation because the umask may have removed bits of the mode asked for.
            File.SetUnixFileMode(temporary, isPublic ? PublicMode : PrivateMode);
        }

        File.Move(temporary, path, overwrite);
    }
}
