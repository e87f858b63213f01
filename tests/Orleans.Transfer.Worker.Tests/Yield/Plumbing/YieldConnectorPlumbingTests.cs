using System.Diagnostics.Metrics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldConnectorPlumbingTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly YieldRegistry _registry;
    private readonly HttpClientPool _pool;
    private readonly byte[] _content = new byte[256 * 1024];

    public YieldConnectorPlumbingTests()
    {
        Random.Shared.NextBytes(_content);
        _registry = new YieldRegistry(
            Options.Create(new YieldOptions()),
            TimeProvider.System,
            new FakeDelayProbe(),
            new TransferInstruments(_services.GetRequiredService<IMeterFactory>()),
            NullLogger<YieldRegistry>.Instance,
            _ => new RecordingLaw().Update);
        var connector = new YieldConnector(_registry, new InterfaceDirectory(TimeProvider.System), NullLogger<YieldConnector>.Instance);
        _pool = new HttpClientPool(
            Options.Create(new TransferWorkerOptions()), TimeProvider.System, NullLogger<HttpClientPool>.Instance, connector: connector);
    }

    [Fact]
    public async Task Get_YieldingRunToALoopbackServer_DownloadsUncontrolled()
    {
        await using var origin = await TestOrigin.TestOrigin.StartAsync();
        origin.AddFile("big.bin", _content);

        var client = _pool.Get(owner: null, options: null, yield: true);
        var body = await client.GetByteArrayAsync(origin.UrlFor("big.bin"));

        Assert.Equal(_content, body);
        Assert.NotSame(_pool.Get(owner: null, options: null), client);
        Assert.Empty(_registry.Links);
    }

    [Fact]
    public async Task Get_YieldingRunToThisHostsInterfaceAddress_IsControlledOnThatInterface()
    {
        // The kernel routes it through loopback, but by its addresses it leaves by the interface: the controlled path.
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(a => (Interface: i.Name, a.Address)))
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        if (address.Address is null)
        {
            return;
        }

        await using var origin = await TestOrigin.TestOrigin.StartAsync(address: address.Address);
        origin.AddFile("big.bin", _content);
        var job = Guid.NewGuid();

        byte[] body;
        using (YieldScope.Enter(job))
        {
            body = await _pool.Get(owner: null, options: null, yield: true).GetByteArrayAsync(origin.UrlFor("big.bin"));
        }

        Assert.Equal(_content, body);
        var link = Assert.Single(_registry.Links);
        Assert.Equal(address.Interface, link.Name);
        var connection = Assert.Single(link.Connections);
        Assert.True(connection.TakeBytes() >= _content.Length);
        Assert.Equal(job, connection.RecentJob(TimeSpan.MaxValue));
    }

    public void Dispose()
    {
        _pool.Dispose();
        _services.Dispose();
    }
}
