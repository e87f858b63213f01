using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>A segmented download's segments between a checkpoint and the job's state.</summary>
internal static class JobSegments
{
    public static IReadOnlyList<FileSegment>? ToCheckpoint(List<JobSegmentState>? segments) =>
        segments?.Select(s => new FileSegment(s.Offset, s.Length, s.Done)).ToList();

    public static List<JobSegmentState>? ToState(IReadOnlyList<FileSegment>? segments) =>
        segments?.Select(s => new JobSegmentState { Offset = s.Offset, Length = s.Length, Done = s.Done }).ToList();
}
