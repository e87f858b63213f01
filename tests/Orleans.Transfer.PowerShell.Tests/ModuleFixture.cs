using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.PowerShell.Tests;

/// <summary>
/// One real silo (a child process with its own data directory and socket) and one real HTTP origin on 127.0.0.1 for
/// the module's tests: <c>/file.bin</c> for anyone, <c>/private.bin</c> only with Basic credentials, and
/// <c>/stall.bin</c>, which sends its first bytes and then nothing until the fixture ends (a job that stays active).
/// </summary>
public sealed class ModuleFixture : IAsyncLifetime
{
    public const string UserName = "alice";
    public const string Password = "pwsh-open-sesame";

    private readonly string _home = Directory.CreateTempSubdirectory("xfer-ps-home-").FullName;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _origin = null!;
    private string _baseUrl = "";

    public SiloProcess Silo { get; private set; } = null!;

    public LocalApiTransferClient Client { get; private set; } = null!;

    /// <summary>The socket the silo's local API listens on (short: Unix socket paths are limited to 107 bytes).</summary>
    public string SocketPath { get; } = Path.Combine(Directory.CreateTempSubdirectory("xfer-ps-").FullName, "xfer.sock");

    /// <summary>The bytes every file endpoint serves.</summary>
    public byte[] Content { get; } = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

    public string Url(string path) => _baseUrl + path;

    public async Task InitializeAsync()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _origin = builder.Build();
        _origin.MapGet("/file.bin", () => Results.Bytes(Content, "application/octet-stream"));
        _origin.MapGet("/private.bin", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"files\"";
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            return Results.Bytes(Content, "application/octet-stream");
        });
        _origin.MapGet("/stall.bin", async (HttpContext context) =>
        {
            context.Response.ContentLength = Content.Length;
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(Content.AsMemory(0, 4096), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _release.Task.WaitAsync(context.RequestAborted);
        });
        await _origin.StartAsync();
        _baseUrl = _origin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        Silo = new SiloProcess(_home, new Dictionary<string, string> { ["XFER_SOCKET"] = SocketPath });
        await Silo.StartAsync();
        Client = new LocalApiTransferClient(Options.Create(new LocalApiClientOptions { SocketPath = SocketPath }), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        Client.Dispose();
        await Silo.DisposeAsync();
        await _origin.DisposeAsync();
        Directory.Delete(_home, recursive: true);
        Directory.Delete(Path.GetDirectoryName(SocketPath)!, recursive: true);
    }
}
