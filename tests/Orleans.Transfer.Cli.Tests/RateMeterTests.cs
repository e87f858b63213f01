using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The rate is bytes over a sliding window of observations, on a fake clock.</summary>
public sealed class RateMeterTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void OneObservation_HasNoRate()
    {
        var meter = new RateMeter(_time);

        meter.Observe(5 * MiB);

        Assert.Null(meter.BytesPerSecond);
    }

    [Fact]
    public void SteadyTransfer_GivesItsRate_IgnoringBytesDoneBeforeWatching()
    {
        var meter = new RateMeter(_time);

        meter.Observe(100 * MiB);
        for (var i = 1; i <= 4; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            meter.Observe((100 * MiB) + (i * MiB / 2));
        }

        Assert.Equal(MiB, meter.BytesPerSecond);
    }

    [Fact]
    public void Burst_IsSmoothedOverTheWindow()
    {
        var meter = new RateMeter(_time);
        meter.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(10 * MiB);

        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(11 * MiB);

        // 11 MiB over 2 s, not the 1 MiB/s of the last update alone.
        Assert.Equal(5.5 * MiB, meter.BytesPerSecond);
    }

    [Fact]
    public void OldObservations_LeaveTheWindow()
    {
        var meter = new RateMeter(_time);
        meter.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(100 * MiB);

        for (var i = 1; i <= 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            meter.Observe((100 * MiB) + (i * MiB));
        }

        // The early 100 MiB burst is long gone: the window holds only the steady 1 MiB/s.
        Assert.Equal(MiB, meter.BytesPerSecond);
    }

    [Fact]
    public void SlowUpdate_AfterAGap_CountsTheWholeGap()
    {
        var meter = new RateMeter(_time);
        meter.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(30));
        meter.Observe(30 * MiB);

        Assert.Equal(MiB, meter.BytesPerSecond);
    }

    [Fact]
    public void FewerBytes_MeansARestart_AndStartsAfresh()
    {
        var meter = new RateMeter(_time);
        meter.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(50 * MiB);

        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(MiB);
        Assert.Null(meter.BytesPerSecond);

        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(3 * MiB);
        Assert.Equal(2 * MiB, meter.BytesPerSecond);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var meter = new RateMeter(_time);
        meter.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Observe(MiB);

        meter.Reset();

        Assert.Null(meter.BytesPerSecond);
    }
}
