using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads;

internal sealed partial class BitsUploadSessionSweeper
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionExpired, Level = LogLevel.Information,
        Message = "Upload session {SessionId} in {Directory} timed out (last packet {LastActivity:o}); it and its files were deleted.")]
    private static partial void LogExpired(ILogger logger, string sessionId, string directory, DateTimeOffset lastActivity);

    [LoggerMessage(EventId = TransferEventIds.UploadCleanupFailed, Level = LogLevel.Warning,
        Message = "The files of timed-out upload session {SessionId} could not be deleted ({Reason}); a session whose files failed to delete for a transient reason is kept and tried again at the next sweep.")]
    private static partial void LogCleanupFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = TransferEventIds.UploadSweepFailed, Level = LogLevel.Error,
        Message = "Sweeping timed-out upload sessions failed; the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
