using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class SegmentedCopier
{
    [LoggerMessage(EventId = TransferEventIds.SegmentRetrying, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: the segment at byte {SegmentOffset} failed after {SegmentBytes} of its bytes (failure {Failures} without progress); retrying it alone in {Delay}: {Error}")]
    private static partial void LogSegmentRetrying(
        ILogger logger, Guid jobId, int fileIndex, long segmentOffset, long segmentBytes, int failures, TimeSpan delay, string error);
}
