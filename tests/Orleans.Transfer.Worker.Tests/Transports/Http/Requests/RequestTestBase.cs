using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>
/// Runs the real worker against <see cref="ScriptedServer"/>s that each test starts on 127.0.0.1 (disposed with the
/// test), with a way to replace the HTTP transport's connection handler for a test that needs a proxy or its own
/// certificate trust.
/// </summary>
public abstract class RequestTestBase : WorkerTestBase, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly List<ScriptedServer> _servers = [];

    public new async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private protected async Task<ScriptedServer> StartServerAsync(
        RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var server = await ScriptedServer.StartAsync(handler, certificate);
        _servers.Add(server);
        return server;
    }

    /// <summary>A handler that answers a redirect with <paramref name="status"/> to <paramref name="location"/>.</summary>
    private protected static RequestDelegate Redirect(string location, int status = StatusCodes.Status302Found) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>
    /// Runs <paramref name="request"/> to the end through the worker and its HTTP transport
    /// and returns its events in order.
    /// </summary>
    private protected static async Task<List<TransferEvent>> RunAsync(
        FileTransferRequest request, Action<TransferWorkerOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddTransferWorker(options =>
        {
            options.BufferSize = 256 * 1024;
            options.CheckpointBytes = 512 * 1024;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });

        await using var provider = services.BuildServiceProvider();
        var run = provider.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        var events = await CollectAsync(run);
        await run.Completion.WaitAsync(s_timeout);
        return events;
    }

    private protected static TransferEvent Connected(List<TransferEvent> events) =>
        events.First(e => e.Kind == TransferEventKind.Connected);
}
