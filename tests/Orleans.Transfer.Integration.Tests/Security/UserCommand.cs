using System.Diagnostics;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>A command run as a real local user (a root parent may: <see cref="ProcessStartInfo.UserName"/> works on Unix).</summary>
internal static class UserCommand
{
    /// <summary>Runs the command as <paramref name="user"/> with a clean environment plus <paramref name="environment"/>.</summary>
    public static async Task<CommandResult> RunAsync(string? user, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (user is not null)
        {
            start.UserName = user;
        }

        // Nothing of root's environment (the test database's connection string, for one) leaks to the user.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        start.Environment["HOME"] = user is null ? "/root" : $"/home/{user}";
        start.Environment["USER"] = user ?? "root";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(user ?? "root", string.Join(' ', command), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command as this process and returns its standard output; fails on a non-zero exit.</summary>
    public static async Task<string> CaptureAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
    }
}
