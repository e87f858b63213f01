using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Kinds.Upload;

internal sealed partial class UploadReplyJobKind
{
    [LoggerMessage(EventId = TransferEventIds.UploadReplyTempNotDeleted, Level = LogLevel.Warning, Message = "Job {JobId}: could not delete the reply's temporary file {TempPath}")]
    private static partial void LogReplyTempNotDeleted(ILogger logger, Exception exception, Guid jobId, string tempPath);
}
