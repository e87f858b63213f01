using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class EndSessionPackets
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionClosed, Level = LogLevel.Debug,
        Message = "Upload session {SessionId} closed in phase {Phase}; its session data was deleted.")]
    private static partial void LogClosed(ILogger logger, string sessionId, UploadSessionPhase phase);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionCancelled, Level = LogLevel.Information,
        Message = "Upload session {SessionId} cancelled in phase {Phase}; its partial and reply files were deleted.")]
    private static partial void LogCancelled(ILogger logger, string sessionId, UploadSessionPhase phase);

    [LoggerMessage(EventId = TransferEventIds.UploadCleanupFailed, Level = LogLevel.Warning,
        Message = "The files of upload session {SessionId} could not all be deleted ({Reason}); the session ended anyway.")]
    private static partial void LogCleanupFailed(ILogger logger, string sessionId, string reason);
}
