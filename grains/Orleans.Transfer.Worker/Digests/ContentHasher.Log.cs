using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class ContentHasher
{
    [LoggerMessage(EventId = TransferEventIds.DigestHeaderIgnored, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the server's {Header} header is ignored: {Reason}")]
    private static partial void LogHeaderIgnored(ILogger logger, Guid jobId, int fileIndex, string header, string reason);

    [LoggerMessage(EventId = TransferEventIds.DigestPrefixRehashed, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: hashed the {BytesTransferred} bytes already downloaded for its {Algorithm} digest")]
    private static partial void LogPrefixRehashed(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, DigestAlgorithm algorithm);

    [LoggerMessage(EventId = TransferEventIds.DigestMismatchRestarting, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the {BytesTransferred} bytes downloaded do not match: {Mismatch}; downloading the file again from zero")]
    private static partial void LogMismatchRestarting(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, string mismatch);

    [LoggerMessage(EventId = TransferEventIds.DigestMismatchFailed, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: the {BytesTransferred} bytes downloaded again do not match either: {Mismatch}; the file fails and its data is deleted")]
    private static partial void LogMismatchFailed(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred, string mismatch);

    [LoggerMessage(EventId = TransferEventIds.DigestVerified, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: the {BytesTransferred} bytes match the caller's digest")]
    private static partial void LogVerified(ILogger logger, Guid jobId, int fileIndex, long bytesTransferred);
}
