using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class BitsUploadSink
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionResumed, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: resuming upload session {SessionId} after {BytesTransferred} acknowledged bytes")]
    private static partial void LogSessionResumed(ILogger logger, Guid jobId, int fileIndex, string sessionId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadServerHoldsMore, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: the upload server holds {ServerBytes} bytes, more than the {BytesTransferred} sent in this run; skipping those")]
    private static partial void LogServerHoldsMore(ILogger logger, Guid jobId, int fileIndex, long serverBytes, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadSessionLost, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: upload session {SessionId} abandoned after {BytesTransferred} acknowledged bytes; a new session starts from zero")]
    private static partial void LogNewSession(ILogger logger, Guid jobId, int fileIndex, string sessionId, long bytesTransferred);

    [LoggerMessage(EventId = TransferEventIds.UploadFragmentShrunk, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: the upload server refused a {FragmentBytes}-byte fragment as too large (413); sending {NextFragmentBytes}-byte fragments")]
    private static partial void LogFragmentShrunk(ILogger logger, Guid jobId, int fileIndex, int fragmentBytes, int nextFragmentBytes);
}
