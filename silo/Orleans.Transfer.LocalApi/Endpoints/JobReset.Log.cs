using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.LocalApi.Endpoints;

internal sealed partial class JobReset
{
    [LoggerMessage(EventId = TransferEventIds.LocalApiResetCancelFailed, Level = LogLevel.Warning, Message = "Reset could not cancel job {JobId}")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, Guid jobId);
}
