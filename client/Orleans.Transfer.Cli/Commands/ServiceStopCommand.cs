using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Orleans.Transfer.Cli.Service;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer service stop</c>: asks the service, through its local API, to shut down gracefully (administrators), and
/// waits for the user's own service process to exit.
/// </summary>
internal sealed class ServiceStopCommand : Command
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(30);

    public ServiceStopCommand(CliContext context)
        : base("stop", "Stops the transfer service (administrators); jobs resume when it next starts.")
    {
        SetAction((_, cancellationToken) => StopAsync(context, cancellationToken));
    }

    private static async Task<int> StopAsync(CliContext context, CancellationToken cancellationToken)
    {
        var client = await context.ConnectIfRunningAsync(cancellationToken);
        if (client is null)
        {
            context.Error.WriteLine("The transfer service is not running.");
            return ExitCodes.Success;
        }

        // Read before asking: the service removes its pid file as it stops. The system service's pid file is not in
        // this user's data directory, so there is nothing to wait on for it.
        using var process = ServiceConnection.IsSystemService(client) ? null : FindService();
        try
        {
            await client.StopServiceAsync(cancellationToken);
        }
        catch (TransferJobException ex) when (ex.Code == TransferErrorCode.AccessDenied)
        {
            context.Error.WriteLine(
                $"error {ex.Code}: only an administrator may stop the transfer service at {client.Address} (root, or a member of its "
                + $"admin group Transfer:Security:AdminGroup). The service said: {ex.Message}");
            return ExitCodes.Refused;
        }

        if (process is null)
        {
            context.Error.WriteLine("The transfer service is stopping.");
            return ExitCodes.Success;
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
        int pid;
        try
        {
            if (!int.TryParse(File.ReadAllText(XferPaths.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No pid file, or not ours to read: the stop is still asked for, without waiting.
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
