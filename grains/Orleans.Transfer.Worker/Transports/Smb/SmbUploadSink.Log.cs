using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class SmbUploadSink
{
    [LoggerMessage(EventId = TransferEventIds.SmbUploadResumed, Level = LogLevel.Information,
        Message = "Job {JobId}: the share holds {HeldBytes} bytes of the upload's temporary file, fewer than the {CheckpointBytes} checkpointed; resuming from there")]
    private static partial void LogResumedWithFewer(ILogger logger, Guid jobId, long heldBytes, long checkpointBytes);

    [LoggerMessage(EventId = TransferEventIds.SmbUploadMovedIntoPlace, Level = LogLevel.Information,
        Message = "Job {JobId}: renamed the upload's temporary file into place on the share ({BytesTransferred} bytes)")]
    private static partial void LogMovedIntoPlace(ILogger logger, Guid jobId, long bytesTransferred);
}
