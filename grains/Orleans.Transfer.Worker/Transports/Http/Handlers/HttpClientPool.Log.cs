using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class HttpClientPool
{
    // Neither the key nor the options are logged: the key is a hash over passwords and keys.
    [LoggerMessage(EventId = TransferEventIds.HttpHandlerCreated, Level = LogLevel.Debug,
        Message = "HTTP handler created for a job of owner {Owner} with its own options; {Count} such handlers now")]
    private static partial void LogHandlerCreated(ILogger logger, string owner, int count);

    [LoggerMessage(EventId = TransferEventIds.HttpHandlersDropped, Level = LogLevel.Debug,
        Message = "{Dropped} unused HTTP handlers dropped; {Count} kept")]
    private static partial void LogHandlersDropped(ILogger logger, int dropped, int count);

    [LoggerMessage(EventId = TransferEventIds.HttpHandlerPoolFull, Level = LogLevel.Information,
        Message = "HTTP handler pool full ({Max} option sets in use); the least recently used was dropped")]
    private static partial void LogPoolFull(ILogger logger, int max);
}
