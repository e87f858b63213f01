using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.OwnerFiles;

internal sealed partial class OwnerThreadPool
{
    [LoggerMessage(EventId = TransferEventIds.OwnerIdentityNotRestored, Level = LogLevel.Critical, Message = "A file thread's identity did not return to the service's (uid {ServiceUid}); the service stops at once (fail-fast)")]
    private static partial void LogIdentityNotRestored(ILogger logger, uint serviceUid);
}
