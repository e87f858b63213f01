using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.LocalApi.Hosting;

internal sealed partial class LocalApiEndpointLifecycle
{
    [LoggerMessage(EventId = TransferEventIds.LocalApiListening, Level = LogLevel.Information, Message = "Local API listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, LocalApiEndpoint endpoint);

    [LoggerMessage(EventId = TransferEventIds.LocalApiStaleSocketRemoved, Level = LogLevel.Information, Message = "Removed the stale local API socket {SocketPath}, left by a silo that did not stop cleanly")]
    private static partial void LogStaleSocketRemoved(ILogger logger, string socketPath);
}
