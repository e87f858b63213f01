using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class BitsUploadSink
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionCreated, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} created (Host-Id {HostId})")]
    private static partial void LogSessionCreated(ILogger logger, Guid jobId, int fileIndex, string sessionId, string hostId);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionResumed, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: resuming upload session {SessionId} after {BytesTransferred} acknowledged bytes")]
    private static partial void LogSessionResumed(ILogger logger, Guid jobId, int fileIndex, string sessionId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadServerHoldsMore, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: the upload server holds {ServerBytes} bytes, more than the {BytesTransferred} sent in this run; skipping those")]
    private static partial void LogServerHoldsMore(ILogger logger, Guid jobId, int fileIndex, long serverBytes, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionLost, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} abandoned after {BytesTransferred} acknowledged bytes; a new session starts from zero")]
    private static partial void LogNewSession(ILogger logger, Guid jobId, int fileIndex, string sessionId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadHostIdFallback, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the upload server's Host-Id {HostId} stayed unreachable for its fallback timeout; going back to {Host}")]
    private static partial void LogHostIdFallback(ILogger logger, Guid jobId, int fileIndex, string hostId, string host);

    [LoggerMessage(EventId = TransferEventIds.UploadFragmentShrunk, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: the upload server refused a {FragmentBytes}-byte fragment as too large (413); sending {NextFragmentBytes}-byte fragments")]
    private static partial void LogFragmentShrunk(ILogger logger, Guid jobId, int fileIndex, int fragmentBytes, int nextFragmentBytes);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionClosed, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} closed")]
    private static partial void LogSessionClosed(ILogger logger, Guid jobId, int fileIndex, string sessionId);
}
