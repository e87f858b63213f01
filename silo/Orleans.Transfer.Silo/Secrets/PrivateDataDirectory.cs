using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Silo.Secrets;

/// <summary>
/// XFER_HOME holds the database (jobs, owners, URLs), the log, the pid file and the key ring: on Unix it is the service
/// account's alone. The umask makes everything the process creates from now on 0600/0700 (SQLite's WAL and shared
/// memory files, the pid file, Data Protection keys); what an earlier run or the launcher created (the log that
/// <c>xfer</c> redirects the silo's output to) is made so here. Subdirectories keep the modes their owners set
/// (<c>tls</c> is 0711 for the public certificate; <c>keys</c> is 0700).
/// </summary>
internal static class PrivateDataDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Sets the process umask to 077. Call before anything creates a file.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            FileCreationMask.Set(FileCreationMask.OwnerOnly);
        }
    }

    /// <summary>Creates the directory 0700, or makes an existing one and the files in it private.</summary>
    /// <returns>Null, or why it cannot be made private (it belongs to another account, say).</returns>
    public static string? Restrict(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            // %LOCALAPPDATA% is the user's own; a service's data directory takes the ACL of its parent (unverified).
            Directory.CreateDirectory(dataDirectory);
            return null;
        }

        try
        {
            Directory.CreateDirectory(dataDirectory, DirectoryMode);
            File.SetUnixFileMode(dataDirectory, DirectoryMode);
            foreach (var file in new DirectoryInfo(dataDirectory).EnumerateFiles())
            {
                // A link is not ours to change: chmod would follow it to whatever it names.
                if (file.LinkTarget is null)
                {
                    File.SetUnixFileMode(file.FullName, FileMode);
                }
            }

            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"The data directory {dataDirectory} cannot be made private to this account ({e.Message}). It holds the "
                + "job database, the log and the keys that encrypt stored secrets: give the service a directory it owns "
                + "with XFER_HOME, or chown this one to the account the service runs as.";
        }
    }
}
