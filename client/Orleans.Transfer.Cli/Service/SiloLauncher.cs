using System.Diagnostics;

namespace Orleans.Transfer.Cli.Service;

/// <summary>Starts the transfer service on demand, detached from this process and its terminal.</summary>
internal static class SiloLauncher
{
    // The silo must outlive xfer and must not receive the terminal's Ctrl+C, so on Unix it gets its own session
    // (setsid, where available) and its standard streams go to $XFER_HOME/silo.log, never to ours: a child holding
    // our stdout open would keep `$(xfer ...)` waiting forever. The log starts afresh with each start.
    private const string UnixLaunchScript =
        "launcher=; command -v setsid >/dev/null 2>&1 && launcher=setsid; $launcher \"$0\" </dev/null >\"$1\" 2>&1 &";

    public static void Start(string executable)
    {
        if (!File.Exists(executable))
        {
            throw new ServiceUnavailableException(
                $"the transfer service is not running and its executable was not found at '{executable}'; set {XferPaths.SiloPathVariable}.");
        }

        Directory.CreateDirectory(XferPaths.Home);
        var startInfo = OperatingSystem.IsWindows()
            ? new ProcessStartInfo(executable) { UseShellExecute = true, WindowStyle = ProcessWindowStyle.Hidden }
            : new ProcessStartInfo("/bin/sh", ["-c", UnixLaunchScript, executable, XferPaths.LogFile]) { UseShellExecute = false };
        startInfo.WorkingDirectory = XferPaths.Home;

        using var process = Process.Start(startInfo)
            ?? throw new ServiceUnavailableException($"could not start the transfer service '{executable}'.");
    }
}
