using System.Net;
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
    /// Runs <paramref name="request"/> to the end with the transport's handler replaced by <paramref name="handler"/>
    /// and returns its events in order.
    /// </summary>
    private protected static async Task<List<TransferEvent>> RunAsync(
        FileTransferRequest request, Func<SocketsHttpHandler> handler, Action<TransferWorkerOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddTransferWorker(options =>
        {
            options.BufferSize = 256 * 1024;
            options.CheckpointBytes = 512 * 1024;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });
        services.AddHttpClient(HttpTransport.ClientName).ConfigurePrimaryHttpMessageHandler(handler);

        await using var provider = services.BuildServiceProvider();
        var run = provider.GetRequiredService<ITransferWorker>().Start(request, CancellationToken.None);
        var events = await CollectAsync(run);
        await run.Completion.WaitAsync(s_timeout);
        return events;
    }

    /// <summary>The transport's settings that matter here: no automatic redirects, no decompression, no cookies.</summary>
    private protected static SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };

    /// <summary>The transport's settings, trusting <paramref name="certificate"/> (and only it) as the server's.</summary>
    private protected static SocketsHttpHandler Trusting(X509Certificate2 certificate)
    {
        var handler = Handler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        return handler;
    }

    private protected static TransferEvent Connected(List<TransferEvent> events) =>
        events.First(e => e.Kind == TransferEventKind.Connected);
}
