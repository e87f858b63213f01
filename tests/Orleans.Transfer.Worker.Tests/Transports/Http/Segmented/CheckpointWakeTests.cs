using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The segments wake their coordinator when a checkpoint falls due, a segment ends, or a quarter interval passed; not at every write.</summary>
public sealed class CheckpointWakeTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void WritesBeforeTheNextCheckpoint_DoNotWake()
    {
        var wake = new CheckpointWake(Interval, _time);

        for (var written = MiB; written < 8 * MiB; written += MiB)
        {
            Assert.False(wake.ShouldWake(written, nextCheckpoint: 8 * MiB, segmentComplete: false));
        }
    }

    [Fact]
    public void WriteReachingTheNextCheckpoint_Wakes()
    {
        var wake = new CheckpointWake(Interval, _time);

        Assert.True(wake.ShouldWake(8 * MiB, nextCheckpoint: 8 * MiB, segmentComplete: false));

        // Until the coordinator moves the next checkpoint, every write still wakes it (waking it twice is harmless).
        Assert.True(wake.ShouldWake(9 * MiB, nextCheckpoint: 8 * MiB, segmentComplete: false));
        Assert.False(wake.ShouldWake(10 * MiB, nextCheckpoint: 17 * MiB, segmentComplete: false));
    }

    [Fact]
    public void QuarterIntervalWithoutAWake_Wakes_SoSlowLinksCheckpointOnTime()
    {
        var wake = new CheckpointWake(Interval, _time);

        _time.Advance((Interval / 4) - TimeSpan.FromTicks(1));
        Assert.False(wake.ShouldWake(MiB, nextCheckpoint: 8 * MiB, segmentComplete: false));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(wake.ShouldWake(MiB, nextCheckpoint: 8 * MiB, segmentComplete: false));

        // The wake starts the next quarter.
        Assert.False(wake.ShouldWake(2 * MiB, nextCheckpoint: 8 * MiB, segmentComplete: false));
    }

    [Fact]
    public void SegmentComplete_Wakes()
    {
        var wake = new CheckpointWake(Interval, _time);

        Assert.True(wake.ShouldWake(MiB, nextCheckpoint: 8 * MiB, segmentComplete: true));
    }
}
