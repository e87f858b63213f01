using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 serving one virtual directory <c>/uploads</c> over a fresh temporary root.</summary>
internal sealed class UploadServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UploadServer(WebApplication app, string root, string parent, InMemoryUploadSessionStore store, Uri address)
    {
        _app = app;
        Root = root;
        Parent = parent;
        Store = store;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>The directory's root: <see cref="Parent"/>/root.</summary>
    public string Root { get; }

    /// <summary>The directory holding the root: what "outside the root" means in the tests.</summary>
    public string Parent { get; }

    public InMemoryUploadSessionStore Store { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<UploadServer> StartAsync(
        Action<BitsVirtualDirectoryOptions>? directory = null,
        Action<BitsUploadServerOptions>? server = null,
        TimeProvider? time = null,
        Action<WebApplicationBuilder>? host = null,
        Action<IEndpointConventionBuilder>? conventions = null)
    {
        var parent = Directory.CreateTempSubdirectory("xfer-uploads-").FullName;
        var root = Directory.CreateDirectory(Path.Combine(parent, "root")).FullName;
        var store = new InMemoryUploadSessionStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IUploadSessionStore>(store);
        if (time is not null)
        {
            builder.Services.AddSingleton(new UploadClock(time));
        }

        builder.Services.AddBitsUploads(server);
        host?.Invoke(builder);
        var app = builder.Build();
        var endpoints = app.MapBitsUploads("/uploads", d =>
        {
            d.Root = root;
            directory?.Invoke(d);
        });
        conventions?.Invoke(endpoints);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UploadServer(app, root, parent, store, new Uri(address));
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every file under <see cref="Parent"/> (root and outside), relative to it, for "nothing else was written" checks.</summary>
    public IReadOnlyList<string> AllFiles() =>
        [.. Directory.EnumerateFiles(Parent, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Parent, f)).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(Parent, recursive: true);
    }
}
