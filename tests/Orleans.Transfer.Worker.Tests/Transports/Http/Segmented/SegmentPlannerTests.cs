namespace Orleans.Transfer.Worker.Tests;

public sealed class SegmentPlannerTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Plan_LargeFile_SplitsIntoEqualAlignedSegmentsBackToBack()
    {
        var plan = SegmentPlanner.Plan((100 * MiB) + 7, connections: 4, minSegmentBytes: 16 * MiB)!;

        Assert.Equal(4, plan.Count);
        Assert.All(plan.Take(3), s => Assert.Equal(0, s.Length % (64 * 1024)));
        Assert.Equal(0, plan[0].Offset);
        for (var i = 1; i < plan.Count; i++)
        {
            Assert.Equal(plan[i - 1].Offset + plan[i - 1].Length, plan[i].Offset);
        }

        Assert.Equal((100 * MiB) + 7, plan[^1].Offset + plan[^1].Length);
        Assert.All(plan, s => Assert.Equal(0, s.Done));
    }

    [Theory]
    [InlineData(48, 4, 3)]
    [InlineData(32, 4, 2)]
    [InlineData(31, 4, null)]
    [InlineData(1024, 1, null)]
    [InlineData(1024, 8, 8)]
    public void Plan_SegmentCount_LimitedByMinimumSize(long sizeMiB, int connections, int? expected)
    {
        var plan = SegmentPlanner.Plan(sizeMiB * MiB, connections, minSegmentBytes: 16 * MiB);

        Assert.Equal(expected, plan?.Count);
        Assert.All(plan ?? [], s => Assert.True(s.Length >= 16 * MiB));
    }

    [Fact]
    public void ParallelSegments_TrackProgressPrefixAndSnapshot()
    {
        var split = new ParallelSegments([new FileSegment(0, 100, 100), new FileSegment(100, 100, 40), new FileSegment(200, 50, 10)]);

        Assert.Equal(250, split.Size);
        Assert.Equal(150, split.Written);
        Assert.Equal(140, split.ContiguousEnd);
        Assert.Equal(100, split.FirstIncomplete!.Offset);

        split.All[1].Advance(60);

        Assert.Equal(210, split.ContiguousEnd);
        Assert.Equal([new FileSegment(0, 100, 100), new FileSegment(100, 100, 100), new FileSegment(200, 50, 10)], split.Snapshot());
        Assert.Equal(210, ParallelSegments.Extent(split.Snapshot()));
    }

    [Theory]
    [InlineData(250L, 150L, true)]
    [InlineData(251L, 150L, false)]
    [InlineData(250L, 149L, false)]
    [InlineData(null, 150L, false)]
    public void ParallelSegments_Fits_OnlyBackToBackSegmentsOfTheCheckpoint(long? total, long written, bool fits)
    {
        FileSegment[] segments = [new(0, 100, 100), new(100, 100, 40), new(200, 50, 10)];

        Assert.Equal(fits, ParallelSegments.Fits(segments, total, written));
        Assert.False(ParallelSegments.Fits([new(0, 100, 10), new(101, 149, 0)], 250, 10));
        Assert.False(ParallelSegments.Fits([new(0, 100, 101), new(100, 150, 0)], 250, 101));
        Assert.False(ParallelSegments.Fits([new(0, 250, 10)], 250, 10));
    }

    [Theory]
    [InlineData(false, "http://example.com/f", null, 4, 4)]
    [InlineData(true, "http://example.com/f", null, 4, 1)]
    [InlineData(true, "http://example.com/f", 8, 4, 1)]
    [InlineData(true, "http://127.0.0.1:8080/f", null, 4, 4)]
    [InlineData(false, "http://example.com/f", 1, 4, 1)]
    [InlineData(false, "http://example.com/f", 8, 4, 8)]
    public void Connections_OneForYieldControlledJobs_ElseTheJobsOrTheWorkers(
        bool yields, string url, int? job, int worker, int expected) =>
        Assert.Equal(expected, HttpTransport.Connections(yields, new Uri(url), job, worker));
}
