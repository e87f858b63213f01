using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Worker.Tests;

public sealed class YieldStatusPlumbingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLaw _law = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TransferInstruments _instruments;
    private readonly YieldRegistry _registry;

    public YieldStatusPlumbingTests()
    {
        _instruments = new TransferInstruments(_services.GetRequiredService<IMeterFactory>());
        _registry = new YieldRegistry(
            Options.Create(new YieldOptions()), _time, new FakeDelayProbe(), _instruments, NullLogger<YieldRegistry>.Instance, _ => _law.Update);
    }

    [Fact]
    public async Task StatusFor_JobReadingThroughAControlledConnection_ShowsItsLinkWindowAndRate()
    {
        var jobA = Guid.NewGuid();
        var jobB = Guid.NewGuid();
        using var streamA = Open("eth0", IPAddress.Parse("192.0.2.1"), out _);
        using var streamB = Open("wlan0", IPAddress.Parse("192.0.2.2"), out _);
        await ReadAsJobAsync(jobA, streamA);
        await ReadAsJobAsync(jobB, streamB);
        _law.Next = RecordingLaw.Decide(window: 300_000, rate: 2_000_000, yielding: true);
        Tick();

        var statusA = _registry.StatusFor(jobA);
        var statusB = _registry.StatusFor(jobB);

        Assert.Equal(new JobYieldInfo(true, 300_000, 2_000_000, "eth0", "tcp-timestamps"), statusA);
        Assert.Equal("wlan0", statusB?.Interface);
        Assert.Null(_registry.StatusFor(Guid.NewGuid()));
    }

    [Fact]
    public async Task StatusFor_TwoJobsOnOneLink_SplitTheRate()
    {
        var jobA = Guid.NewGuid();
        var jobB = Guid.NewGuid();
        using var streamA = Open("eth0", IPAddress.Parse("192.0.2.1"), out _);
        using var streamB = Open("eth0", IPAddress.Parse("192.0.2.1"), out _);
        await ReadAsJobAsync(jobA, streamA);
        await ReadAsJobAsync(jobB, streamB);
        _law.Next = RecordingLaw.Decide(window: 300_000, rate: 2_000_000, yielding: true);
        Tick();

        Assert.Equal(new JobYieldInfo(true, 150_000, 1_000_000, "eth0", "tcp-timestamps"), _registry.StatusFor(jobA));
        Assert.Equal(new JobYieldInfo(true, 150_000, 1_000_000, "eth0", "tcp-timestamps"), _registry.StatusFor(jobB));
    }

    [Fact]
    public async Task StatusFor_JobThatStoppedReading_IsNullAfterTwoSeconds()
    {
        var job = Guid.NewGuid();
        using var stream = Open("eth0", IPAddress.Parse("192.0.2.1"), out _);
        await ReadAsJobAsync(job, stream);

        _time.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Null(_registry.StatusFor(job));
    }

    [Fact]
    public void Gauges_ReportEachLinksDecisionTaggedByInterface()
    {
        using var window = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), TransferInstruments.MeterName, "orleans-transfer-yield-window");
        using var yielding = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), TransferInstruments.MeterName, "orleans-transfer-yield-yielding");
        using var stream = Open("eth0", IPAddress.Parse("192.0.2.1"), out _);
        _law.Next = RecordingLaw.Decide(window: 300_000, rate: null, yielding: true);
        Tick();

        window.RecordObservableInstruments();
        yielding.RecordObservableInstruments();

        var measurement = Assert.Single(window.GetMeasurementSnapshot());
        Assert.Equal(300_000, measurement.Value);
        Assert.Equal("eth0", measurement.Tags[TagNames.Interface]);
        Assert.Equal(1, Assert.Single(yielding.GetMeasurementSnapshot()).Value);
    }

    public void Dispose() => _services.Dispose();

    private YieldStream Open(string interfaceName, IPAddress server, out YieldConnection connection)
    {
        connection = _registry.Register(interfaceName, () => 0, new FakeYieldSocket(server, FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40))));
        return new YieldStream(new EndlessStream(), connection);
    }

    private static async Task ReadAsJobAsync(Guid jobId, YieldStream stream)
    {
        using (YieldScope.Enter(jobId))
        {
            Assert.Equal(1024, await stream.ReadAsync(new byte[1024]));
        }
    }

    private void Tick()
    {
        foreach (var link in _registry.Links)
        {
            link.Tick(CancellationToken.None);
            link.Tick(CancellationToken.None);
        }
    }
}
