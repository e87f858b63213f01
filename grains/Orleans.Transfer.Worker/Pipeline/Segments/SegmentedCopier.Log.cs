using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class SegmentedCopier
{
    [LoggerMessage(EventId = TransferEventIds.SegmentRetrying, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: the segment at byte {SegmentOffset} failed after {SegmentBytes} of its bytes (failure {Failures} without progress); retrying it alone in {Delay}: {Error}")]
    private static partial void LogSegmentRetrying(
        ILogger logger, Guid jobId, int fileIndex, long segmentOffset, long segmentBytes, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = TransferEventIds.SegmentsWaitingForConnections, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: {Waiting} unfinished segments wait for a connection while {Connections} run; the job's cap on connections to the server leaves no more free now")]
    private static partial void LogSegmentsQueued(ILogger logger, Guid jobId, int fileIndex, int waiting, int connections);
}
