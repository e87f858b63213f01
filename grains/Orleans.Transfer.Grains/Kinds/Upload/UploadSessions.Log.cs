using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Kinds.Upload;

internal sealed partial class UploadSessions
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionCancelling, Level = LogLevel.Information, Message = "Job {JobId}: cancelling upload session on its server in the background")]
    private static partial void LogCancelling(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.JobUploadSessionClosed, Level = LogLevel.Debug, Message = "Job {JobId}: upload session closed")]
    private static partial void LogClosed(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionCloseFailed, Level = LogLevel.Warning, Message = "Job {JobId}: could not close its upload session ({Code}: {Reason}); the reply is in, and the server's session timeout frees the session")]
    private static partial void LogCloseFailed(ILogger logger, Guid jobId, TransferErrorCode code, string reason);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionControlMissing, Level = LogLevel.Warning, Message = "Job {JobId}: no BITS upload transport is registered to send {Packet}; the server's session timeout frees the session")]
    private static partial void LogControlMissing(ILogger logger, Guid jobId, string packet);
}
