using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class ContentCacheEvictor
{
    [LoggerMessage(EventId = TransferEventIds.ContentCacheEvicted, Level = LogLevel.Information,
        Message = "Evicted content {Key} ({Bytes} bytes) from the content cache: the least recently used, over the cap")]
    private static partial void LogEvicted(ILogger logger, string key, long bytes);

    [LoggerMessage(EventId = TransferEventIds.ContentCacheEvictionFailed, Level = LogLevel.Warning,
        Message = "Trimming the content cache failed; it is tried again after the next fill")]
    private static partial void LogEvictionFailed(ILogger logger, Exception exception);
}
