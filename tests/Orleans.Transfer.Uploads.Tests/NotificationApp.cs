using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>
/// A server application on its own Kestrel port: by reference it reads the uploaded file from the path it is given
/// and writes "reply:" and the file into the reply file; by value it answers "reply:" and the body. It answers the
/// queued statuses first, then 200.
/// </summary>
internal sealed class NotificationApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationApp(WebApplication app, Uri address)
    {
        _app = app;
        Url = new Uri(address, "/notify");
    }

    public Uri Url { get; }

    public ConcurrentQueue<int> Statuses { get; } = new();

    public ConcurrentQueue<(IHeaderDictionary Headers, string Query)> Calls { get; } = new();

    public string? StaticResponseUrl { get; set; }

    public bool CopyToDestination { get; set; }

    /// <summary>Completed when a call arrives.</summary>
    public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, every call waits for it before answering.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public static async Task<NotificationApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        NotificationApp? self = null;
        app.MapPost("/notify", (HttpContext context) => self!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new NotificationApp(app, new Uri(address));
        return self;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Calls.Enqueue((new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value)), request.QueryString.Value ?? ""));
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        Received.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        if (Statuses.TryDequeue(out var status) && status != 200)
        {
            context.Response.StatusCode = status;
            return;
        }

        if (StaticResponseUrl is not null)
        {
            context.Response.Headers["BITS-Static-Response-URL"] = StaticResponseUrl;
        }

        if (CopyToDestination)
        {
            context.Response.Headers["BITS-Copy-File-To-Destination"] = "true";
        }

        var reply = Encoding.ASCII.GetBytes("reply:");
        if (request.Headers.TryGetValue("BITS-Request-DataFile-Name", out var requestFile))
        {
            var uploaded = await File.ReadAllBytesAsync(requestFile.ToString());
            await File.WriteAllBytesAsync(request.Headers["BITS-Response-DataFile-Name"].ToString(), [.. reply, .. uploaded]);
            return;
        }

        await context.Response.Body.WriteAsync(reply);
        await context.Response.Body.WriteAsync(body.ToArray());
    }
}
