using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Service;

/// <summary>
/// Connects to the transfer service's local API the first time a command needs it, starting the user's own service on
/// demand (as Windows starts BITS) unless <c>XFER_NO_AUTOSTART=1</c>. The system service (systemd's socket, or the
/// Windows service's pipe) is never started from here: it is the administrator's to run.
/// </summary>
internal sealed class ServiceConnection(TextWriter error, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(500);

    private LocalApiTransferClient? _client;
    private bool _answered;

    /// <summary>The client, once the service answers; starts the service when it is ours to start.</summary>
    public async Task<ITransferClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = Client();
        long? launchedAt = null;
        while (!await AnswersAsync(client, cancellationToken))
        {
            if (IsSystemService(client))
            {
                throw new ServiceUnavailableException(SystemServiceNotRunning(client));
            }

            if (XferPaths.AutostartDisabled)
            {
                throw new ServiceUnavailableException(
                    $"the transfer service is not running at {client.Address} ({XferPaths.NoAutostartVariable}=1, so it was not started).");
            }

            if (launchedAt is null)
            {
                SiloLauncher.Start(XferPaths.SiloExecutable);
                error.WriteLine("Starting the transfer service...");
                launchedAt = timeProvider.GetTimestamp();
            }
            else if (timeProvider.GetElapsedTime(launchedAt.Value) >= s_startDeadline)
            {
                throw new ServiceUnavailableException($"could not start the transfer service: see {XferPaths.LogFile}");
            }

            await Task.Delay(s_retryDelay, timeProvider, cancellationToken);
        }

        return client;
    }

    /// <summary>The client when the service already runs, else null; never starts it.</summary>
    public async Task<LocalApiTransferClient?> ConnectIfRunningAsync(CancellationToken cancellationToken)
    {
        var client = Client();
        return await AnswersAsync(client, cancellationToken) ? client : null;
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>True for the system service's socket, and on Windows, where the pipe is always the Windows service's.</summary>
    public static bool IsSystemService(LocalApiTransferClient client) =>
        OperatingSystem.IsWindows() || client.Address == LocalApiAddress.SystemSocketPath;

    private static string SystemServiceNotRunning(LocalApiTransferClient client) =>
        OperatingSystem.IsWindows()
            ? $"the transfer service is not running: nothing answers at {client.Address}; start the Windows service (an administrator can)."
            : $"the system transfer service is not running: {client.Address} refuses connections; start it with 'systemctl start orleans-transfer' (an administrator can).";

    private async Task<bool> AnswersAsync(LocalApiTransferClient client, CancellationToken cancellationToken)
    {
        if (_answered)
        {
            return true;
        }

        try
        {
            // The cheapest call; it also proves the server passed the client's identity check.
            await client.GetCallerAsync(cancellationToken);
            return _answered = true;
        }
        catch (TransferServiceUnavailableException)
        {
            return false;
        }
    }

    private LocalApiTransferClient Client()
    {
        if (_client is not null)
        {
            return _client;
        }

        try
        {
            return _client = new LocalApiTransferClient(Options.Create(new LocalApiClientOptions()), timeProvider);
        }
        catch (ArgumentException ex)
        {
            // A socket path the kernel cannot use, from XFER_SOCKET or XFER_HOME: the message names the variable.
            throw new ServiceUnavailableException(ex.Message, ex);
        }
    }
}
