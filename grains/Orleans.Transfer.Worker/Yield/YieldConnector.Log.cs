using System.Net;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class YieldConnector
{
    [LoggerMessage(EventId = TransferEventIds.YieldConnectionControlled, Level = LogLevel.Debug,
        Message = "Background connection to {Server} on {Interface} is yield-controlled")]
    private static partial void LogControlled(ILogger logger, IPAddress server, string @interface);

    [LoggerMessage(EventId = TransferEventIds.YieldPriorityHintFailed, Level = LogLevel.Debug,
        Message = "The socket priority hint (VeryLow) was refused; the connection is paced without it")]
    private static partial void LogPriorityHintFailed(ILogger logger, Exception exception);
}
