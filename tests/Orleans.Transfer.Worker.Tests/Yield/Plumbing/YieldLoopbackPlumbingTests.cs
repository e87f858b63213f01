using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldLoopbackPlumbingTests
{
    [Fact]
    public async Task Get_YieldingRunToALoopbackServer_DownloadsUncontrolled()
    {
        await using var origin = await TestOrigin.TestOrigin.StartAsync();
        var content = new byte[256 * 1024];
        Random.Shared.NextBytes(content);
        origin.AddFile("big.bin", content);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var registry = new YieldRegistry(
            Options.Create(new YieldOptions()),
            TimeProvider.System,
            new FakeDelayProbe(),
            new TransferInstruments(services.GetRequiredService<IMeterFactory>()),
            NullLogger<YieldRegistry>.Instance,
            _ => new RecordingLaw().Update);
        var connector = new YieldConnector(registry, new InterfaceDirectory(TimeProvider.System), NullLogger<YieldConnector>.Instance);
        using var pool = new HttpClientPool(
            Options.Create(new TransferWorkerOptions()), TimeProvider.System, NullLogger<HttpClientPool>.Instance, connector: connector);

        var client = pool.Get(owner: null, options: null, yield: true);
        var body = await client.GetByteArrayAsync(origin.UrlFor("big.bin"));

        Assert.Equal(content, body);
        Assert.NotSame(pool.Get(owner: null, options: null), client);
        Assert.Empty(registry.Links);
    }
}
