using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldServicePlumbingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<YieldService> _logger = new();
    private bool _lawFails = true;

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Tick_LawThrows_LogsOnceUntilATickSucceeds()
    {
        var registry = new YieldRegistry(
            Options.Create(new YieldOptions()),
            _time,
            new FakeDelayProbe(),
            new TransferInstruments(_services.GetRequiredService<IMeterFactory>()),
            NullLogger<YieldRegistry>.Instance,
            _ => Law);
        registry.Register("eth0", () => 0, new FakeYieldSocket(IPAddress.Parse("192.0.2.1"), FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40))));
        var service = new YieldService(registry, _time, _logger);

        for (var i = 0; i < 5; i++)
        {
            service.Tick(CancellationToken.None);
        }

        _lawFails = false;
        service.Tick(CancellationToken.None);
        _lawFails = true;
        service.Tick(CancellationToken.None);

        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(r => r.Id.Id == TransferEventIds.YieldTickFailed));
    }

    [Theory]
    [InlineData(JobPriority.Foreground, false)]
    [InlineData(JobPriority.High, false)]
    [InlineData(JobPriority.Normal, true)]
    [InlineData(JobPriority.Low, true)]
    public void HttpTransport_YieldsOnlyForTheConfiguredBackgroundPriorities(JobPriority priority, bool yields)
    {
        using var pool = new HttpClientPool(Options.Create(new TransferWorkerOptions()), _time, NullLogger<HttpClientPool>.Instance);

        Assert.Equal(yields, new HttpTransport(pool, Options.Create(new YieldOptions()), Options.Create(new TransferWorkerOptions())).Yields(priority));
        Assert.False(new HttpTransport(pool, Options.Create(new YieldOptions { Enabled = false }), Options.Create(new TransferWorkerOptions())).Yields(priority));
    }

    private YieldDecision Law(YieldSample sample) =>
        _lawFails ? throw new InvalidOperationException("law failed") : RecordingLaw.Decide(64 * 1024, rate: null, yielding: false);
}
