using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.LocalApi.Tests.Hosting;

/// <summary>How the local API listens: its socket only, a stale socket replaced, the mode set, and stopping on request.</summary>
[Collection(LocalApiCollection.Name)]
public sealed class LocalApiHostingTests(LocalApiFixture fixture)
{
    private const UnixFileMode ReadWriteForEveryone =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    [Fact]
    public async Task Start_ConfiguredTcpEndpoints_AreNotOpened()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["urls"] = "http://127.0.0.1:0",
        };

        await using var api = await LocalApiHost.StartAsync(fixture.Cluster.Client, fixture.Sockets.Socket("tcp.sock"), configuration);

        var addresses = api.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Equal([$"http://unix:{api.SocketPath}"], addresses);
    }

    [Fact]
    public async Task Start_StaleSocket_IsReplacedAndOpenedToEveryUser()
    {
        var path = fixture.Sockets.Socket("stale.sock");
        StaleSocket.Create(path);

        await using var api = await LocalApiHost.StartAsync(fixture.Cluster.Client, path);
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LocalApiRoutes.Caller)).StatusCode);
        Assert.Equal(ReadWriteForEveryone, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Start_NotASocketAtThePath_FailsAndKeepsTheFile()
    {
        var path = fixture.Sockets.Socket("file.sock");
        await File.WriteAllTextAsync(path, "keep me");
        await using var app = LocalApiHost.Build(fixture.Cluster.Client, path);

        var ex = await Assert.ThrowsAsync<IOException>(() => app.StartAsync());

        Assert.Contains("is not a socket", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Start_UnknownAdminGroup_Fails()
    {
        var configuration = new Dictionary<string, string?> { ["Transfer:Security:AdminGroup"] = "xfer-no-such-group" };
        await using var app = LocalApiHost.Build(fixture.Cluster.Client, fixture.Sockets.Socket("group.sock"), configuration);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("xfer-no-such-group", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceStop_Administrator_Is202AndStopsTheHost()
    {
        await using var api = await LocalApiHost.StartAsync(fixture.Cluster.Client, fixture.Sockets.Socket("stop.sock"));
        using var client = api.CreateClient();
        var lifetime = api.App.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(stopping.SetResult);

        var response = await client.PostAsync(LocalApiRoutes.ServiceStop, null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await stopping.Task;
    }
}
