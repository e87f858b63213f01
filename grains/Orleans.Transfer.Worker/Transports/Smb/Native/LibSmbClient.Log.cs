using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class LibSmbClient
{
    [LoggerMessage(EventId = TransferEventIds.SmbContextCreated, Level = LogLevel.Debug,
        Message = "libsmbclient context created for user '{User}' (empty: anonymous; {Contexts} cached)")]
    private static partial void LogContextCreated(ILogger logger, string user, int contexts);

    [LoggerMessage(EventId = TransferEventIds.SmbContextIdle, Level = LogLevel.Debug, Message = "libsmbclient context for {User} freed after being idle")]
    private static partial void LogContextIdle(ILogger logger, string user);

    [LoggerMessage(EventId = TransferEventIds.SmbContextDropped, Level = LogLevel.Information,
        Message = "libsmbclient context dropped after {Kind} (errno {Errno}) on {Url}; the next call connects afresh")]
    private static partial void LogContextDropped(ILogger logger, SmbLocation url, SmbErrorKind kind, int errno);

    [LoggerMessage(EventId = TransferEventIds.SmbClientMissing, Level = LogLevel.Warning, Message = "smb:// transfers are unavailable: {Reason}")]
    private static partial void LogClientMissing(ILogger logger, string reason);

    [LoggerMessage(EventId = TransferEventIds.SmbCloseFailed, Level = LogLevel.Debug, Message = "Closing {Url} failed (errno {Errno}); the handle goes with its connection")]
    private static partial void LogCloseFailed(ILogger logger, SmbLocation url, int errno);
}
