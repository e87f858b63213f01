using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.LocalApi.Status;

internal sealed partial class ServiceStartedLog
{
    [LoggerMessage(EventId = TransferEventIds.ServiceStarted, Level = LogLevel.Information, Message = "Orleans.Transfer {Version} started (pid {ProcessId}): store {Store}; listening on {Listeners}")]
    private static partial void LogServiceStarted(ILogger logger, string version, int processId, string store, string listeners);
}
