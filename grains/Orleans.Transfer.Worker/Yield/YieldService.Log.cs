using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class YieldService
{
    [LoggerMessage(EventId = TransferEventIds.YieldTickFailed, Level = LogLevel.Error,
        Message = "The yield controller of {Interface} failed; its connections keep their last window and rate until a tick succeeds")]
    private static partial void LogTickFailed(ILogger logger, string @interface, Exception exception);
}
