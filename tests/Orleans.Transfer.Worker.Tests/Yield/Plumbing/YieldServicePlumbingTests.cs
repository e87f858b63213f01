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
    private int _lawCalls;

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Tick_LawThrows_LogsOnceUntilATickSucceeds()
    {
        var registry = NewRegistry();
        registry.Register("eth0", () => 0, Socket());
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

    [Fact]
    public async Task WhenConnected_WaitsForARegistration_AndAgainOnceTheLastConnectionLeaves()
    {
        var registry = NewRegistry();
        var first = registry.WhenConnectedAsync(CancellationToken.None);
        Assert.False(first.IsCompleted);

        var connection = registry.Register("eth0", () => 0, Socket());
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(registry.WhenConnectedAsync(CancellationToken.None).IsCompleted);

        connection.Dispose();
        Assert.False(registry.HasConnections);
        Assert.False(registry.WhenConnectedAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Service_HoldsNoTimerWithoutConnections_AndTicksFromFreshBaselinesWhenOneComes()
    {
        _lawFails = false;
        var time = new CountingTimeProvider();
        var registry = NewRegistry(time);
        var service = new YieldService(registry, time, _logger);
        var connection = registry.Register("eth0", () => 0, Socket());
        await service.StartAsync(CancellationToken.None);
        try
        {
            // Ticks run on the thread pool after each advance, and fires that meet a busy tick are merged: advance until
            // the condition holds rather than counting fires.
            void AdvanceUntil(Func<bool> condition)
            {
                for (var step = 0; step < 3_000 && !condition(); step++)
                {
                    time.Advance(new YieldOptions().Tick);
                    SpinWait.SpinUntil(condition, TimeSpan.FromMilliseconds(10));
                }

                Assert.True(condition());
            }

            AdvanceUntil(() => Volatile.Read(ref _lawCalls) >= 1);
            connection.Dispose();
            AdvanceUntil(() => time.Live == 0);
            var lawCalls = Volatile.Read(ref _lawCalls);
            Assert.Null(Assert.Single(registry.Links).Decision);

            time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(0, time.Live);
            Assert.Equal(lawCalls, Volatile.Read(ref _lawCalls));

            using var next = registry.Register("eth0", () => 0, Socket());
            AdvanceUntil(() => Volatile.Read(ref _lawCalls) > lawCalls);
            Assert.Equal(1, time.Live);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private YieldRegistry NewRegistry(TimeProvider? time = null) => new(
        Options.Create(new YieldOptions()),
        time ?? _time,
        new FakeDelayProbe(),
        new TransferInstruments(_services.GetRequiredService<IMeterFactory>()),
        NullLogger<YieldRegistry>.Instance,
        _ => Law);

    private static FakeYieldSocket Socket() =>
        new(IPAddress.Parse("192.0.2.1"), FakeYieldSocket.Timestamped(TimeSpan.FromMilliseconds(40)));

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

    private YieldDecision Law(YieldSample sample)
    {
        Interlocked.Increment(ref _lawCalls);
        return _lawFails ? throw new InvalidOperationException("law failed") : RecordingLaw.Decide(64 * 1024, rate: null, yielding: false);
    }
}
