using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// A real HTTP/1.1 server (Kestrel) on a temporary Unix socket, answering the local API routes each test maps: the
/// other end of <see cref="LocalApiTransferClient"/> without the silo.
/// </summary>
internal sealed class LocalApiTestServer : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly WebApplication _app;

    private LocalApiTestServer(DirectoryInfo directory, WebApplication app, string socketPath)
    {
        _directory = directory;
        _app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static async Task<LocalApiTestServer> StartAsync(Action<WebApplication> map)
    {
        var directory = Directory.CreateTempSubdirectory("xfer-api-");
        var socketPath = Path.Combine(directory.FullName, LocalApiAddress.SocketFileName);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LocalApiTestServer(directory, app, socketPath);
    }

    /// <summary>Answers with <paramref name="value"/> as the service would: JSON in the wire options.</summary>
    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, TransferJson.Options, statusCode: status);

    /// <summary>Writes Server-Sent Events, flushing each, then ends the stream.</summary>
    public static async Task WriteEventsAsync(HttpContext http, params string[] chunks)
    {
        http.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await http.Response.WriteAsync(chunk);
            await http.Response.Body.FlushAsync();
        }
    }

    /// <summary>One SSE event carrying <paramref name="jobEvent"/>.</summary>
    public static string Event(JobEvent jobEvent) => $"data: {JsonSerializer.Serialize(jobEvent, TransferJson.Options)}\n\n";

    public LocalApiTransferClient Client(TimeSpan? watchInterval = null) => new(
        Options.Create(new LocalApiClientOptions { SocketPath = SocketPath, WatchInterval = watchInterval ?? TimeSpan.FromMilliseconds(500) }),
        TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
