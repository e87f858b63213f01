using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class SmbTransport
{
    [LoggerMessage(EventId = TransferEventIds.SmbUploadTempDeleted, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: deleted the unfinished upload's temporary file {TempUrl} on the share")]
    private static partial void LogTempDeleted(ILogger logger, Guid jobId, int fileIndex, SmbLocation tempUrl);

    [LoggerMessage(EventId = TransferEventIds.SmbUploadTempNotDeleted, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: could not delete the unfinished upload's temporary file on the share: {Reason}")]
    private static partial void LogTempNotDeleted(ILogger logger, Guid jobId, int fileIndex, string reason);
}
