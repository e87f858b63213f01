using System.Net;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

internal sealed partial class YieldLink
{
    [LoggerMessage(EventId = TransferEventIds.YieldStarted, Level = LogLevel.Information,
        Message = "Background downloads on {Interface} yield now (foreground seen: {Foreground}, queueing delay {QueueDelayMs} ms)")]
    private static partial void LogStarted(ILogger logger, string @interface, bool foreground, double? queueDelayMs);

    [LoggerMessage(EventId = TransferEventIds.YieldStopped, Level = LogLevel.Information,
        Message = "Background downloads on {Interface} stopped yielding")]
    private static partial void LogStopped(ILogger logger, string @interface);

    [LoggerMessage(EventId = TransferEventIds.YieldDecision, Level = LogLevel.Debug,
        Message = "Yield on {Interface}: window {WindowBytes} B, rate {RateBytesPerSecond} B/s, yielding {Yielding}, "
            + "queueing delay {QueueDelayMs} ms, foreground {ForegroundBytesPerSecond} B/s of {CapacityBytesPerSecond} B/s, signal {Signal}")]
    private static partial void LogDecided(
        ILogger logger,
        string @interface,
        long windowBytes,
        long? rateBytesPerSecond,
        bool yielding,
        double? queueDelayMs,
        double foregroundBytesPerSecond,
        double capacityBytesPerSecond,
        DelaySignal signal);

    [LoggerMessage(EventId = TransferEventIds.YieldNoTimestamps, Level = LogLevel.Information,
        Message = "{Server} sends no TCP timestamps; using ICMP echo for the delay signal (interface {Interface})")]
    private static partial void LogNoTimestamps(ILogger logger, IPAddress server, string @interface);

    [LoggerMessage(EventId = TransferEventIds.YieldNoDelaySignal, Level = LogLevel.Information,
        Message = "{Server} answers no ICMP echo either; background downloads from it on {Interface} yield to local foreground traffic only")]
    private static partial void LogNoDelaySignal(ILogger logger, IPAddress server, string @interface);
}
