using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Notifications;

public sealed partial class NotifyCommandRunner
{
    [LoggerMessage(EventId = TransferEventIds.CommandStarting, Level = LogLevel.Debug,
        Message = "Running notify command {Program} for job {JobId}, event {Event} {NotificationId}, as {Account}")]
    private static partial void LogStarting(ILogger logger, string program, Guid jobId, JobEventKind @event, Guid notificationId, string account);

    [LoggerMessage(EventId = TransferEventIds.CommandExited, Level = LogLevel.Information,
        Message = "Notify command {Program} for job {JobId} exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, string program, Guid jobId, int exitCode);

    [LoggerMessage(EventId = TransferEventIds.CommandTimedOut, Level = LogLevel.Warning,
        Message = "Notify command {Program} for job {JobId} ran longer than {Timeout}; its process tree was killed")]
    private static partial void LogTimedOut(ILogger logger, string program, Guid jobId, TimeSpan timeout);

    [LoggerMessage(EventId = TransferEventIds.CommandNotStarted, Level = LogLevel.Warning,
        Message = "Notify command {Program} for job {JobId} could not be started: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, string program, Guid jobId, string reason);

    [LoggerMessage(EventId = TransferEventIds.CommandRefused, Level = LogLevel.Warning,
        Message = "Notify command {Program} for job {JobId} of owner {Owner} was not run: {Reason}")]
    private static partial void LogRefused(ILogger logger, string program, Guid jobId, string owner, string reason);
}
