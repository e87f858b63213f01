using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.LocalApi.Endpoints;

internal sealed partial class ServiceStopper
{
    [LoggerMessage(EventId = TransferEventIds.LocalApiStopRequested, Level = LogLevel.Information, Message = "{Caller} ({Owner}) asked the service to stop through the local API")]
    private static partial void LogStopRequested(ILogger logger, string caller, string owner);
}
