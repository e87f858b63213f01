using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>
/// Around Kestrel's start: removes a stale socket before it binds; afterwards checks it listens on the local API
/// endpoint alone, opens the socket to every local user and logs where the API is.
/// </summary>
internal sealed partial class LocalApiEndpointLifecycle(LocalApiEndpoint endpoint, IServer server, ILogger<LocalApiEndpointLifecycle> logger)
    : IHostedLifecycleService
{
    // rw-rw-rw-: connecting needs write permission; who connects is then known from SO_PEERCRED, not from the mode.
    private const UnixFileMode SocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (endpoint.SocketPath is { } path && !OperatingSystem.IsWindows() && UnixSocketFile.RemoveStale(path))
        {
            LogStaleSocketRemoved(logger, path);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var binding = BindingAddress.Parse(address);
            if (!binding.IsUnixPipe && !binding.IsNamedPipe)
            {
                throw new InvalidOperationException(
                    $"Kestrel listens on {address}, but the local API must be its only endpoint; remove Kestrel endpoints and URLs from the configuration.");
            }
        }

        // Kestrel binds with the process's umask and does not set the mode itself.
        if (endpoint.SocketPath is { } path && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, SocketMode);
        }

        LogListening(logger, endpoint);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
