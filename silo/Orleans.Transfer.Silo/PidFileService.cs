using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Silo;

/// <summary>
/// Writes <c>silo.pid</c> once the silo accepts clients and removes it on a clean stop, so <c>xfer service stop</c>
/// and scripts can find the process.
/// </summary>
internal sealed class PidFileService(IOptions<SiloHostOptions> options, IHostApplicationLifetime lifetime) : IHostedService
{
    private string PidPath => Path.Combine(options.Value.DataDirectory, "silo.pid");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => File.WriteAllText(PidPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        lifetime.ApplicationStopped.Register(() => File.Delete(PidPath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
