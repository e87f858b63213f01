using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class SessionLease
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionLeaseLost, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: this request's write lease ran out and another request took it, or the session was deleted; it stops writing, and the client sends the packet again.")]
    private static partial void LogLeaseLost(ILogger logger, string sessionId);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionLeaseRenewFailed, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: the write lease could not be renewed (the session store did not answer); trying again.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionLeaseNotReleased, Level = LogLevel.Warning,
        Message = "Upload session {SessionId}: the write lease could not be released; the session's next packet waits until it runs out.")]
    private static partial void LogNotReleased(ILogger logger, Exception exception, string sessionId);
}
