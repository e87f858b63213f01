using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Orleans.Transfer.Cli.Service;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer service stop</c>: asks the local service to shut down gracefully and waits for it.</summary>
internal sealed class ServiceStopCommand : Command
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(30);

    public ServiceStopCommand(CliContext context)
        : base("stop", "Stops the local transfer service; jobs resume when it next starts.")
    {
        SetAction((_, cancellationToken) => StopAsync(context, cancellationToken));
    }

    private static async Task<int> StopAsync(CliContext context, CancellationToken cancellationToken)
    {
        using var process = FindService();
        if (process is null)
        {
            context.Error.WriteLine("The transfer service is not running.");
            return ExitCodes.Success;
        }

        if (OperatingSystem.IsWindows())
        {
            process.Kill();
        }
        else
        {
            // Process.Kill sends SIGKILL; SIGTERM lets the host stop gracefully and checkpoint its jobs.
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_exitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine($"The transfer service (pid {process.Id}) did not stop within {s_exitTimeout.TotalSeconds:0} s.");
            return ExitCodes.Failure;
        }

        context.Error.WriteLine($"The transfer service (pid {process.Id}) stopped.");
        return ExitCodes.Success;
    }

    private static Process? FindService()
    {
        if (!File.Exists(XferPaths.PidFile)
            || !int.TryParse(File.ReadAllText(XferPaths.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            var process = Process.GetProcessById(pid);
            if (!process.HasExited)
            {
                return process;
            }

            process.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            // A stale pid file: the process is gone.
            return null;
        }
    }
}
