using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobOwnership
{
    [LoggerMessage(EventId = TransferEventIds.OwnershipTaken, Level = LogLevel.Warning, Message = "Job {JobId}: ownership taken from {PreviousOwner} by {NewOwner}")]
    private static partial void LogOwnershipTaken(ILogger logger, Guid jobId, string previousOwner, string newOwner);
}
