using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class TransferSession
{
    [LoggerMessage(EventId = TransferEventIds.TransferRestarting, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: restarting from zero after {BytesTransferred} bytes because {Reason}")]
    private static partial void LogRestarting(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, string reason);
}
