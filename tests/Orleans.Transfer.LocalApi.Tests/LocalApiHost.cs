using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.LocalApi.Hosting;
using Orleans.Transfer.LocalApi.Identity;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>
/// The local API hosted in-process as the silo hosts it (the same three registration calls) on a Unix socket, against
/// a test cluster's grains, with <see cref="ActingCallerResolver"/> as the caller seam.
/// </summary>
public sealed class LocalApiHost : IAsyncDisposable
{
    private LocalApiHost(WebApplication app, string socketPath)
    {
        App = app;
        SocketPath = socketPath;
    }

    public WebApplication App { get; }

    public string SocketPath { get; }

    public static async Task<LocalApiHost> StartAsync(IGrainFactory grains, string socketPath, IDictionary<string, string?>? configuration = null)
    {
        var app = Build(grains, socketPath, configuration);
        await app.StartAsync();
        return new LocalApiHost(app, socketPath);
    }

    public static WebApplication Build(IGrainFactory grains, string socketPath, IDictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton<ICallerIdentityResolver, ActingCallerResolver>();
        builder.Services.AddTransferLocalApi(builder.Configuration);
        builder.WebHost.UseTransferLocalApi(LocalApiEndpoint.UnixSocket(socketPath));
        var app = builder.Build();
        app.MapTransferLocalApi();
        return app;
    }

    /// <summary>An HTTP client over the socket; with <paramref name="actAsUid"/>, every request is from that ordinary user.</summary>
    public HttpClient CreateClient(uint? actAsUid = null)
    {
        var path = SocketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
        if (actAsUid is { } uid)
        {
            client.DefaultRequestHeaders.Add(ActingCallerResolver.Header, uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
