using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The worker with the network switched off: sources that need it fail at once with NetworkDisconnected, before any
/// connection or temp file; loopback and local sources go on. A link lost mid-transfer is covered with real interfaces
/// by the integration suite (NetworkLossTests there).
/// </summary>
public sealed class NetworkLossTests : WorkerTestBase
{
    private readonly SwitchableNetworkProbe _network = new() { IsAvailable = false };

    private Task<List<TransferEvent>> RunOfflineAsync(FileTransferRequest request) =>
        RunAsync(request, register: services => services.AddSingleton<INetworkProbe>(_network));

    [Fact]
    public async Task Offline_RemoteHost_FailsAtOnceWithNetworkDisconnected()
    {
        var request = Request("http://203.0.113.1:9/file.bin");

        var failure = AssertFailed(await RunOfflineAsync(request));

        Assert.Equal(TransferErrorCode.NetworkDisconnected, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.True(failure.IsTransient);
        Assert.Null(failure.HttpStatus);
        Assert.Contains("when the network returns", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(request.TempPath));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Offline_LoopbackOrigin_StillTransfers(string host)
    {
        var file = Origin.AddGenerated("loop.bin", 3 * MiB, seed: 5);
        var url = new UriBuilder(Origin.UrlFor("loop.bin")) { Host = host }.Uri;

        AssertCompleted(await RunOfflineAsync(Request(url.ToString())));

        Assert.Equal(file.ComputeSha256(), Sha256Of(Path.Combine(Scratch, "file.tmp")));
    }

    [Fact]
    public async Task Offline_LocalFile_StillCopies()
    {
        var source = Path.Combine(Scratch, "source.bin");
        await File.WriteAllBytesAsync(source, new byte[100_000]);

        AssertCompleted(await RunOfflineAsync(Request(new Uri(source).ToString())));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/a", false)]
    [InlineData("http://127.1.2.3/a", false)]
    [InlineData("http://localhost/a", false)]
    [InlineData("http://[::1]:8080/a", false)]
    [InlineData("file:///srv/data/a.bin", false)]
    [InlineData("http://10.0.0.1/a", true)]
    [InlineData("https://example.com/a", true)]
    [InlineData("http://[2001:db8::1]/a", true)]
    [InlineData("file://fileserver/share/a.bin", true)]
    public void NeedsNetwork_ExceptForLoopbackAndLocalFiles(string url, bool needsNetwork)
    {
        using var services = CreateServices();
        Assert.Equal(needsNetwork, services.GetRequiredService<TransportRegistry>().ResolveForTransfer(url).NeedsNetwork);
    }
}
