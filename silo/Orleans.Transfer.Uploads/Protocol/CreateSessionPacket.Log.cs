using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class CreateSessionPacket
{
    [LoggerMessage(EventId = TransferEventIds.UploadSessionCreated, Level = LogLevel.Debug,
        Message = "Upload session {SessionId} created in {Directory}.")]
    private static partial void LogCreated(ILogger logger, string sessionId, string directory);
}
