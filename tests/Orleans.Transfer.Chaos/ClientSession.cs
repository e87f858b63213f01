using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// A client to a silo that keeps getting killed: each call gets a timeout, and a failed call drops the connection and
/// retries on a fresh one until its deadline. Only idempotent calls belong here, or callers that check the outcome.
/// It presents the silo's own certificate, as a trusted service would (the silo runs TLS when the tests run as root).
/// </summary>
/// <param name="silo">The silo whose gateway the session uses; a cluster silo's cluster id is the client's.</param>
/// <param name="certificateHome">Where the certificate lies (default: the silo's home; a cluster's silos share the first one's).</param>
public sealed class ClientSession(SiloProcess silo, string? certificateHome = null) : IAsyncDisposable
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(250);
    private IHost? _host;

    /// <param name="call">The call, with a token that ends it after a timeout.</param>
    /// <param name="deadline">Retry failed calls (except <see cref="TransferJobException"/>) this long.</param>
    /// <param name="cancellationToken">Ends the call and its retries.</param>
    public async Task<T> CallAsync<T>(
        Func<ITransferClient, CancellationToken, Task<T>> call, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(s_callTimeout);
                _host ??= await ConnectAsync(timeout.Token);
                return await call(_host.Services.GetRequiredService<ITransferClient>(), timeout.Token);
            }
            catch (Exception ex) when (ex is not TransferJobException && !cancellationToken.IsCancellationRequested && clock.Elapsed < deadline)
            {
                await DisconnectAsync();
                await Task.Delay(s_retryInterval, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // A connect cut short by the caller fails with Orleans' own lifecycle exception; callers expect a cancellation.
                await DisconnectAsync();
                throw new OperationCanceledException("The call was cancelled by its caller.", ex, cancellationToken);
            }
        }
    }

    /// <summary>Drops the connection, e.g. before the silo is killed, so no call waits on a dead gateway.</summary>
    public async Task DisconnectAsync()
    {
        var host = _host;
        _host = null;
        if (host is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(s_callTimeout);
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
        {
            // Stopping a client whose gateway is gone may fail; the host is disposed either way.
        }

        host.Dispose();
    }

    public async ValueTask DisposeAsync() => await DisconnectAsync();

    private async Task<IHost> ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddTransferClient(o =>
        {
            o.GatewayPort = silo.GatewayPort;
            o.ClusterId = silo.ClusterId ?? TransferClientOptions.ServiceId;
            o.UseServiceCertificates(certificateHome ?? silo.DataDirectory);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
