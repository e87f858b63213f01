using System.Diagnostics;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// The real accounts the trust-boundary tests act as: two unprivileged users and a third in the administrators' group.
/// Created once per machine and left in place (creating users is slow and they hold nothing).
/// </summary>
internal static class LocalUsers
{
    public const string Alice = "xfer-alice";
    public const string Bob = "xfer-bob";
    public const string Carol = "xfer-carol";
    public const string AdminGroup = "xfer-admins";

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static bool s_ready;

    public static async Task EnsureAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (s_ready)
            {
                return;
            }

            if (!await SucceedsAsync("getent", "group", AdminGroup))
            {
                await RunAsync("groupadd", AdminGroup);
            }

            foreach (var user in new[] { Alice, Bob, Carol })
            {
                if (!await SucceedsAsync("id", "-u", user))
                {
                    await RunAsync("useradd", "--create-home", "--shell", "/usr/sbin/nologin", user);
                }
            }

            await RunAsync("usermod", "--append", "--groups", AdminGroup, Carol);
            s_ready = true;
        }
        finally
        {
            s_gate.Release();
        }
    }

    public static async Task<int> UidAsync(string user) =>
        int.Parse((await UserCommand.CaptureAsync("id", "-u", user)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> SucceedsAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }
    }
}
