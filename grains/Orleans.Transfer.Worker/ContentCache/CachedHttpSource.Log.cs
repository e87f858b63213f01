using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class CachedHttpSource
{
    [LoggerMessage(EventId = TransferEventIds.ContentCacheFilled, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: fetched {Bytes} bytes from the origin once and filled the content cache ({Blocks} blocks)")]
    private static partial void LogFilled(ILogger logger, Guid jobId, int fileIndex, long bytes, int blocks);

    [LoggerMessage(EventId = TransferEventIds.ContentCacheCopied, Level = LogLevel.Information,
        Message = "Job {JobId} file {FileIndex}: copied {Bytes} verified bytes from the content cache, none from the origin")]
    private static partial void LogCopied(ILogger logger, Guid jobId, int fileIndex, long bytes);

    [LoggerMessage(EventId = TransferEventIds.ContentCacheFellBack, Level = LogLevel.Debug,
        Message = "Job {JobId} file {FileIndex}: not from the content cache from byte {Position} on, the origin serves it: {Reason}")]
    private static partial void LogFellBack(ILogger logger, Guid jobId, int fileIndex, long position, string reason);

    [LoggerMessage(EventId = TransferEventIds.ContentCacheBadBlock, Level = LogLevel.Warning,
        Message = "Job {JobId} file {FileIndex}: block {Block} in the content cache is missing or does not match the SHA-256 its filler recorded; the rest comes from the origin")]
    private static partial void LogBadBlock(ILogger logger, Guid jobId, int fileIndex, int block);

    [LoggerMessage(EventId = TransferEventIds.ContentCacheLeaveFailed, Level = LogLevel.Warning,
        Message = "Could not tell the content cache that a run left content {Key}; it counts as in use until its grain is collected")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string key);
}
