using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class WindowsShareConnections
{
    [LoggerMessage(EventId = TransferEventIds.SmbConnectionAdded, Level = LogLevel.Debug, Message = "Connected {Share} as {User}")]
    private static partial void LogConnected(ILogger logger, string share, string user);

    [LoggerMessage(EventId = TransferEventIds.SmbConnectionCancelled, Level = LogLevel.Debug, Message = "Disconnected {Share}")]
    private static partial void LogCancelled(ILogger logger, string share);

    [LoggerMessage(EventId = TransferEventIds.SmbConnectionCancelFailed, Level = LogLevel.Warning,
        Message = "Disconnecting {Share} failed (Win32 error {Error}); Windows drops it at logoff")]
    private static partial void LogCancelFailed(ILogger logger, string share, int error);
}
