using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Uploads.Protocol;

internal sealed partial class BitsPacketDispatcher
{
    [LoggerMessage(EventId = TransferEventIds.UploadRequestRefused, Level = LogLevel.Debug,
        Message = "BITS {PacketType} to {Directory} refused with {Status} 0x{Error:X8}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string packetType, string directory, int status, uint error, string? reason);

    [LoggerMessage(EventId = TransferEventIds.UploadRequestFailed, Level = LogLevel.Error,
        Message = "A BITS packet to {Directory} failed unexpectedly.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string directory);
}
