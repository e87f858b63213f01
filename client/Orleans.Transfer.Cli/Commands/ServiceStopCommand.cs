using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Orleans.Transfer.Cli.Service;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer service stop</c>: asks the service, through its local API, to shut down gracefully (administrators), and
/// waits for the user's own service process to exit. The pid file only says which process to wait on: a stale or
/// planted one may name any process, so it is used only when that process is the transfer service's executable.
/// </summary>
internal sealed class ServiceStopCommand : Command
{
    private const string SiloName = "Orleans.Transfer.Silo";

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
        using var process = ServiceConnection.IsSystemService(client) ? null : FindService(context.Error);
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

    /// <summary>
    /// True when <paramref name="process"/> runs the transfer service: on Linux its command line (the apphost, or
    /// <c>dotnet Orleans.Transfer.Silo.dll</c>) or its executable, since the process name is cut to 15 characters;
    /// elsewhere its process name. Anything unreadable counts as not ours.
    /// </summary>
    internal static bool IsTransferService(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!OperatingSystem.IsLinux())
        {
            return string.Equals(process.ProcessName, SiloName, StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            var arguments = File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (arguments.Take(2).Any(IsSiloFile))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        try
        {
            return IsSiloFile(new FileInfo($"/proc/{process.Id}/exe").LinkTarget);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsSiloFile(string? path) =>
        Path.GetFileName(path) is SiloName or SiloName + ".dll" or SiloName + ".exe";

    private static Process? FindService(TextWriter error)
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

        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            // A stale pid file: the process is gone.
            return null;
        }

        if (process.HasExited)
        {
            process.Dispose();
            return null;
        }

        if (!IsTransferService(process))
        {
            error.WriteLine(
                $"The pid file {XferPaths.PidFile} names process {pid}, which is not the transfer service ({SiloName}); "
                + "it is left alone and not waited for.");
            process.Dispose();
            return null;
        }

        return process;
    }
}
