using System.Text.Json;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>A segmented download's segments go from a checkpoint into the file's stored state and back into the next run's checkpoint.</summary>
public sealed class FileRunSegmentsTests
{
    [Fact]
    public void SegmentedCheckpoint_IsStoredAndResumedWithEverySegment()
    {
        FileSegment[] segments = [new(0, 100, 100), new(100, 100, 30), new(200, 56, 0)];
        var file = new JobFileState { RemoteUrl = "http://origin/a", TempPath = "/tmp/.a.tmp" };

        FileRun.ApplyTo(file, new TransferEvent(TransferEventKind.Checkpoint, new FileCheckpoint(130, 256, "\"v1\"", null, false, Segments: segments)));
        var stored = JsonSerializer.Deserialize<JobFileState>(JsonSerializer.Serialize(file))!;
        var resumed = FileRun.ToCheckpoint(stored);

        Assert.Equal(130, stored.BytesTransferred);
        Assert.Equal(segments, resumed.Segments);
        Assert.Equal(130, resumed.BytesWritten);
        Assert.Contains("\"Segments\":[{\"Offset\":0,\"Length\":100,\"Done\":100}", JsonSerializer.Serialize(file), StringComparison.Ordinal);
    }

    [Fact]
    public void OneConnectionCheckpoint_ClearsTheSegments()
    {
        var file = new JobFileState { Segments = [new JobSegmentState { Offset = 0, Length = 10, Done = 5 }] };

        FileRun.ApplyTo(file, new TransferEvent(TransferEventKind.Checkpoint, new FileCheckpoint(0, 256, "\"v2\"", null, false)));

        Assert.Null(file.Segments);
        Assert.Null(FileRun.ToCheckpoint(file).Segments);
    }
}
