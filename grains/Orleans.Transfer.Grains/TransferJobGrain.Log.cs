using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains;

internal sealed partial class TransferJobGrain
{
    [LoggerMessage(EventId = TransferEventIds.DamagedJobCancelled, Level = LogLevel.Information, Message = "Job {JobId}: the damaged job was cancelled; its unreadable row is replaced")]
    private static partial void LogDamagedJobCancelled(ILogger logger, Guid jobId);
}
