namespace Orleans.Transfer.Worker;

/// <summary>
/// Which boot of the machine this is. Bytes a process wrote stay in the file after the process dies (they are in the
/// page cache); only a restart of the machine can lose what was not flushed. So a temp file's bytes past its last
/// durable checkpoint can be kept when they were written in this same boot.
/// </summary>
internal static class BootIdentity
{
    // Linux gives each boot a random id. Windows has no such file: null keeps only flushed bytes there (fail closed).
    private const string LinuxBootIdPath = "/proc/sys/kernel/random/boot_id";

    private static readonly Lazy<string?> s_current = new(Read);

    /// <summary>This boot's id, or null where the platform cannot tell one boot from the next.</summary>
    public static string? Current => s_current.Value;

    private static string? Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var id = File.ReadAllText(LinuxBootIdPath).Trim();
            return id.Length > 0 ? id : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
