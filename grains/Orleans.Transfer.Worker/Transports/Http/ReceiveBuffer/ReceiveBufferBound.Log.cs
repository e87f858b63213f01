using System.Net;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class ReceiveBufferBound
{
    [LoggerMessage(EventId = TransferEventIds.ReceiveBufferBounded, Level = LogLevel.Debug,
        Message = "Connection to {Server} (RTT {RttMicroseconds} µs) has its receive buffer bounded to {Bytes} bytes")]
    private static partial void LogBounded(ILogger logger, EndPoint? server, double rttMicroseconds, int bytes);

    [LoggerMessage(EventId = TransferEventIds.ReceiveBufferBoundFailed, Level = LogLevel.Debug,
        Message = "The receive buffer of a near connection could not be bounded; it keeps autotuning")]
    private static partial void LogBoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = TransferEventIds.ReceiveBufferRmemMaxTooLow, Level = LogLevel.Information,
        Message = "net.core.rmem_max is {RmemMax} (null: unreadable), below Transfer:Worker:ReceiveBuffer:Bytes ({Bytes}): near connections keep autotuning their receive buffers; raise rmem_max or lower Bytes to bound them")]
    private static partial void LogRmemMaxTooLow(ILogger logger, long? rmemMax, int bytes);
}
