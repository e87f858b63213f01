using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class UploadSessionControl
{
    [LoggerMessage(EventId = TransferEventIds.UploadCancelSent, Level = LogLevel.Information,
        Message = "Job {JobId}: the upload server acknowledged Cancel-Session for session {SessionId}")]
    private static partial void LogCancelSent(ILogger logger, Guid jobId, string sessionId);

    [LoggerMessage(EventId = TransferEventIds.UploadCancelRetrying, Level = LogLevel.Debug,
        Message = "Job {JobId}: Cancel-Session for session {SessionId} is sent again in {Delay}: {Reason}")]
    private static partial void LogCancelRetrying(ILogger logger, Guid jobId, string sessionId, TimeSpan delay, string reason);

    [LoggerMessage(EventId = TransferEventIds.UploadCancelGaveUp, Level = LogLevel.Warning,
        Message = "Job {JobId}: Cancel-Session for session {SessionId} is not sent again ({Reason}); the server's session timeout frees it")]
    private static partial void LogCancelGaveUp(ILogger logger, Guid jobId, string sessionId, string reason);
}
