using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>A peer's own directory and the files in it; world-readable, since the peers drop root for their own accounts.</summary>
internal static class PeerDirectory
{
    public static string Create(string name)
    {
        var directory = Directory.CreateTempSubdirectory($"xfer-peer-{name}-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }

        return directory;
    }

    public static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Write(string directory, string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An htpasswd file (apache2-utils' htpasswd, bcrypt) for Basic authentication.</summary>
    public static async Task<string> HtpasswdAsync(string directory, string user, string password)
    {
        var path = Path.Combine(directory, "htpasswd");
        var start = new ProcessStartInfo("htpasswd") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-cbB", path, user, password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"htpasswd: {error}");
        return path;
    }

    /// <summary>An htdigest line (user:realm:MD5(user:realm:password)), as htdigest writes it without prompting.</summary>
    public static string Htdigest(string directory, string user, string realm, string password)
    {
        // Digest's MD5 is the peer's format, not a choice of ours.
#pragma warning disable CA5351
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user}:{realm}:{password}")));
#pragma warning restore CA5351
        return Write(directory, "htdigest", $"{user}:{realm}:{hash}\n");
    }

    public static async Task ChownAsync(string owner, string path)
    {
        using var process = Process.Start("chown", ["-R", owner, path])!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
