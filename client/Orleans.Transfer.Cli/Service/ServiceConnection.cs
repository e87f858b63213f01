using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Service;

/// <summary>
/// Connects to the transfer service the first time a command needs it, starting the service on demand (as Windows
/// starts BITS) unless <c>XFER_NO_AUTOSTART=1</c>.
/// </summary>
internal sealed class ServiceConnection(TextWriter error, TimeProvider timeProvider) : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(5);

    private IHost? _host;

    public async Task<ITransferClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            return _host.Services.GetRequiredService<ITransferClient>();
        }

        long? launchedAt = null;
        while (true)
        {
            var host = BuildHost();
            try
            {
                await host.StartAsync(cancellationToken);
                _host = host;
                return host.Services.GetRequiredService<ITransferClient>();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                host.Dispose();
                if (XferPaths.AutostartDisabled)
                {
                    throw new ServiceUnavailableException(
                        $"the transfer service is not running ({XferPaths.NoAutostartVariable}=1, so it was not started).", ex);
                }

                if (launchedAt is null)
                {
                    SiloLauncher.Start(XferPaths.SiloExecutable);
                    error.WriteLine("Starting the transfer service...");
                    launchedAt = timeProvider.GetTimestamp();
                }
                else if (timeProvider.GetElapsedTime(launchedAt.Value) >= s_startDeadline)
                {
                    throw new ServiceUnavailableException($"could not start the transfer service: see {XferPaths.LogFile}", ex);
                }
            }

            await Task.Delay(s_retryDelay, timeProvider, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(s_stopTimeout, timeProvider);
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseTransferClient();
        builder.Services.AddSingleton<IClientConnectionRetryFilter, GiveUpRetryFilter>();
        return builder.Build();
    }
}
