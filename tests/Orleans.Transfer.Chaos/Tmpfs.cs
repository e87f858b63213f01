using System.Diagnostics;

namespace Orleans.Transfer.Chaos;

/// <summary>A tmpfs mounted on a fresh directory, so a test can run a destination out of space; Linux, as root.</summary>
public sealed class Tmpfs : IAsyncDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can (probed once with a real mount).</summary>
    public static string? Unavailable { get; } = Probe();

    public static async Task<Tmpfs> MountAsync(long bytes)
    {
        var path = Directory.CreateTempSubdirectory("xfer-tmpfs-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Grows (or shrinks) the filesystem in place; files on it stay.</summary>
    public Task ResizeAsync(long bytes) => RunAsync("mount", "-o", $"remount,size={bytes}", Path);

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux to mount a tmpfs";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "needs root to mount a tmpfs";
        }

        try
        {
            MountAsync(1024 * 1024).GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return $"cannot mount a tmpfs here: {ex.Message}";
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {command}");
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
