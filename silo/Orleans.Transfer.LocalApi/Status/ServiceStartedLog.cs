using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.LocalApi.Status;

/// <summary>
/// Once the host has started, one line an operator finds first in the journal or the Event Log: what runs, on which
/// store, listening where (as <c>xfer service status</c> says, without the job counts).
/// </summary>
internal sealed partial class ServiceStartedLog(
    IHostApplicationLifetime lifetime,
    ServiceStatusReader status,
    ILogger<ServiceStartedLog> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    private void Announce()
    {
        var (version, processId, store, listeners) = status.Describe();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var addresses = string.Join(", ", listeners.Select(l => $"{l.Name} {l.Address}"));
            LogServiceStarted(logger, version, processId, store, addresses);
        }
    }
}
