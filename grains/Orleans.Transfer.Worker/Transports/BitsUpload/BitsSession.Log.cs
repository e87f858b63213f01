using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class BitsSession
{
    [LoggerMessage(EventId = TransferEventIds.UploadClientSessionCreated, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} created (Host-Id {HostId})")]
    private static partial void LogSessionCreated(ILogger logger, Guid jobId, int fileIndex, string sessionId, string hostId);

    [LoggerMessage(EventId = TransferEventIds.UploadHostIdFallback, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the upload server's Host-Id {HostId} stayed unreachable for its fallback timeout; going back to {Host}")]
    private static partial void LogHostIdFallback(ILogger logger, Guid jobId, int fileIndex, string hostId, string host);

    [LoggerMessage(EventId = TransferEventIds.UploadClientSessionClosed, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} closed")]
    private static partial void LogSessionClosed(ILogger logger, Guid jobId, int fileIndex, string sessionId);
}
