using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Issue 11 through every layer: `xfer transfer --user --header` with the password on standard input, the local API,
/// the job grain (which stores the password encrypted and decrypts it per run), the worker's handler pool, and a real
/// Kestrel origin that demands Basic credentials and a header.
/// </summary>
public sealed class AuthenticatedTransferEndToEndTests : IAsyncLifetime
{
    private const string Password = "open-sesame";
    private static readonly byte[] s_content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("authenticated bytes\n", 4096)));
    private SiloAndXfer _service = null!;
    private WebApplication _origin = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _origin = builder.Build();
        _origin.MapGet("/file.bin", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"files\"";
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            return context.Request.Headers["X-Tenant"] == "blue"
                ? Results.Bytes(s_content, "application/octet-stream")
                : Results.BadRequest();
        });
        await _origin.StartAsync();
        var address = _origin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = address + "/file.bin";

        _service = await SiloAndXfer.StartAsync("auth");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _origin.DisposeAsync();
    }

    [Fact]
    public async Task Transfer_WithUserAndHeader_DownloadsFromTheServerThatDemandsThem()
    {
        var destination = Path.Combine(_service.Outside, "file.bin");

        await _service.Xfer.OkAsync(Password + "\n", "transfer", _url, destination, "--user", "alice", "--header", "X-Tenant: blue");

        Assert.Equal(s_content, await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task Transfer_WithoutCredentials_FailsNamingTheSchemeAndTheCommand()
    {
        var run = await _service.Xfer.RunAsync(null, "transfer", _url, Path.Combine(_service.Outside, "refused.bin"), "--header", "X-Tenant: blue");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        var output = run.Out + run.Error;
        Assert.Contains("Basic", output, StringComparison.Ordinal);
        Assert.Contains("set-credentials", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_service.Outside, "refused.bin")));
    }
}
