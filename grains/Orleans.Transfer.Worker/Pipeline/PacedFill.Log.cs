using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class PacedFill
{
    [LoggerMessage(EventId = TransferEventIds.TransferTooSlow, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the source sent {BytesTransferred} bytes in {Waited}, below the minimum of {MinimumBytesPerSecond} bytes/s; the run ends")]
    private static partial void LogTooSlow(
        ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, TimeSpan waited, long minimumBytesPerSecond);
}
