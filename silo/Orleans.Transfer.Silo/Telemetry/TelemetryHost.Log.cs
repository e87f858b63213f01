using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Silo.Telemetry;

internal sealed partial class TelemetryHost
{
    [LoggerMessage(EventId = TransferEventIds.TelemetryOtlpExporting, Level = LogLevel.Information,
        Message = "Exporting metrics and traces by OTLP ({Protocol}) to {Endpoint}")]
    private static partial void LogOtlp(ILogger logger, string endpoint, string protocol);

    [LoggerMessage(EventId = TransferEventIds.TelemetryPrometheusListening, Level = LogLevel.Information,
        Message = "Prometheus scrape endpoint listening on {Url}")]
    private static partial void LogPrometheus(ILogger logger, string url);

    [LoggerMessage(EventId = TransferEventIds.TelemetryPrometheusNotLoopback, Level = LogLevel.Warning,
        Message = "Prometheus scrape endpoint listening on {Url}, beyond loopback: it has no authentication, so anyone who reaches the port reads the service's metrics")]
    private static partial void LogPrometheusNotLoopback(ILogger logger, string url);
}
