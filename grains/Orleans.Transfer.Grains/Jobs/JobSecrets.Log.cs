using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Grains.Jobs;

internal sealed partial class JobSecrets
{
    [LoggerMessage(EventId = TransferEventIds.SecretUnreadable, Level = LogLevel.Error, Message = "Job {JobId}: the webhook secret cannot be decrypted ({Reason}); the webhook is not called until the notifications are set again")]
    private static partial void LogSecretUnreadable(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(EventId = TransferEventIds.HttpSecretUnreadable, Level = LogLevel.Error, Message = "Job {JobId}: a secret ({Purpose}) cannot be decrypted ({Reason}); the job goes to Error until it is set again")]
    private static partial void LogHttpSecretUnreadable(ILogger logger, Guid jobId, string purpose, string reason);
}
