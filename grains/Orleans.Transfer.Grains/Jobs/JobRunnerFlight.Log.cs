using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobRunnerFlight
{
    [LoggerMessage(EventId = TransferEventIds.FileTransferred, Level = LogLevel.Debug, Message = "Job {JobId}: file {FileIndex} transferred ({BytesTransferred} bytes)")]
    private static partial void LogFileTransferred(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);
}
