using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class UploadCommitter
{
    [LoggerMessage(EventId = TransferEventIds.UploadCommitted, Level = LogLevel.Information,
        Message = "Upload session {SessionId} in {Directory} committed its {TotalBytes} bytes.")]
    private static partial void LogCommitted(ILogger logger, string sessionId, string directory, long totalBytes);

    [LoggerMessage(EventId = TransferEventIds.UploadNotificationFailed, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: the server application failed with {Status} ({Reason}); the client's retried last fragment notifies it again.")]
    private static partial void LogNotificationFailed(ILogger logger, string sessionId, int status, string? reason);
}
