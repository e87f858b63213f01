using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// A real Kestrel HTTP/1.1 origin on 127.0.0.1 serving registered files with Range, If-Range, strong ETags and
/// Last-Modified, plus per-file faults (see <see cref="OriginFile"/>).
/// </summary>
public sealed class TestOrigin : IAsyncDisposable
{
    private const string AliasPrefix = "_chaos/alias/";
    private const string LoopPrefix = "_chaos/loop/";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, OriginFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private readonly string? _rootDirectory;
    private readonly long _defaultThrottle;
    private int _disposed;
    private int _inFlight;
    private int _peakInFlight;

    private TestOrigin(WebApplication app, string? rootDirectory, long defaultThrottle)
    {
        _app = app;
        _rootDirectory = rootDirectory is null ? null : Path.GetFullPath(rootDirectory);
        _defaultThrottle = defaultThrottle;
        app.Run(CountedAsync);
    }

    /// <summary>Random faults for every request to a file, or null (default) for none.</summary>
    public FaultPlan? Faults { get; set; }

    /// <summary>
    /// The most requests this origin served at once so far (from the request's arrival to the end of its response): a
    /// client's concurrent connections to it are at least this many.
    /// </summary>
    public int PeakConcurrentRequests => Volatile.Read(ref _peakInFlight);

    /// <summary>The origin's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts an origin on 127.0.0.1, or on <paramref name="address"/>.</summary>
    /// <param name="port">The port, or 0 for an ephemeral one.</param>
    /// <param name="rootDirectory">Also serve files from this directory, by relative path, when not registered.</param>
    /// <param name="throttleBytesPerSecond">Initial <see cref="OriginFile.ThrottleBytesPerSecond"/> of every file.</param>
    /// <param name="address">The address to listen on; tests that build their own network namespaces pass one of theirs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<TestOrigin> StartAsync(
        int port = 0,
        string? rootDirectory = null,
        long throttleBytesPerSecond = 0,
        IPAddress? address = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address ?? IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var origin = new TestOrigin(app, rootDirectory, throttleBytesPerSecond);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        origin.BaseAddress = new Uri(listening.EndsWith('/') ? listening : listening + "/");
        return origin;
    }

    /// <summary>The URL of file <paramref name="name"/> (segments separated by '/').</summary>
    public Uri UrlFor(string name) =>
        new(BaseAddress, string.Join('/', name.Split('/').Select(Uri.EscapeDataString)));

    /// <summary>Serves <paramref name="content"/> as <paramref name="name"/>.</summary>
    public OriginFile AddFile(string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Add(name, content.Length, OriginContent.FromBytes(content));
    }

    /// <summary>
    /// Serves <paramref name="length"/> bytes generated from <paramref name="seed"/> (see <see cref="GeneratedContent"/>)
    /// as <paramref name="name"/>; any size, never held in memory.
    /// </summary>
    public OriginFile AddGenerated(string name, long length, int seed) => Add(name, length, OriginContent.FromSeed(seed));

    /// <summary>Answers <paramref name="name"/> with a 302 redirect to <paramref name="targetName"/>.</summary>
    public void AddRedirect(string name, string targetName) => _redirects[name] = targetName;

    /// <summary>The registered (or already served root) file <paramref name="name"/>.</summary>
    public OriginFile this[string name] => _files[name];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private OriginFile Add(string name, long length, Action<long, Span<byte>> fill)
    {
        var file = new OriginFile(name, length, fill, TimeProvider.System) { ThrottleBytesPerSecond = _defaultThrottle };
        _files[name] = file;
        return file;
    }

    private async Task CountedAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peakInFlight); now > peak; peak = Volatile.Read(ref _peakInFlight))
        {
            if (Interlocked.CompareExchange(ref _peakInFlight, now, peak) == peak)
            {
                break;
            }
        }

        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task ServeAsync(HttpContext context)
    {
        var name = Uri.UnescapeDataString(context.Request.Path.Value?.TrimStart('/') ?? string.Empty);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (_redirects.TryGetValue(name, out var target))
        {
            context.Response.Redirect(UrlFor(target).ToString());
            return Task.CompletedTask;
        }

        // A redirect alias is served without faults, so one redirect costs exactly one extra request.
        var alias = name.StartsWith(AliasPrefix, StringComparison.Ordinal);
        if (alias)
        {
            name = name[AliasPrefix.Length..];
        }
        else if (name.StartsWith(LoopPrefix, StringComparison.Ordinal))
        {
            context.Response.Redirect(UrlFor(name).ToString());
            return Task.CompletedTask;
        }

        if (!_files.TryGetValue(name, out var file) && !TryAddFromRoot(name, out file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var chaos = alias ? null : Faults?.Decide(name, file.Length, context.Request.Headers.Range.Count > 0);
        switch (chaos?.Fault)
        {
            case ChaosFault.Redirect:
                chaos.Plan.Record(ChaosFault.Redirect);
                context.Response.Redirect(UrlFor(AliasPrefix + name).ToString());
                return Task.CompletedTask;
            case ChaosFault.RedirectLoop:
                chaos.Plan.Record(ChaosFault.RedirectLoop);
                context.Response.Redirect(UrlFor(LoopPrefix + name).ToString());
                return Task.CompletedTask;
            default:
                return file.ServeAsync(context, chaos);
        }
    }

    private bool TryAddFromRoot(string name, out OriginFile file)
    {
        file = null!;
        if (_rootDirectory is null || name.Length == 0)
        {
            return false;
        }

        var path = Path.GetFullPath(Path.Combine(_rootDirectory, name));
        if (!path.StartsWith(_rootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            return false;
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file = _files.GetOrAdd(name, _ => Add(name, RandomAccess.GetLength(handle), OriginContent.FromFile(handle)));
        return true;
    }
}
