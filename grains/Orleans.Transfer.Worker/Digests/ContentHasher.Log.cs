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
}
