namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>
/// OpenTelemetry export (configuration section <c>Transfer:Telemetry</c>, docs/telemetry.md). Both exports are off by
/// default, and while both are off nothing of OpenTelemetry is registered or loaded.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Transfer:Telemetry";

    /// <summary>The OTLP protocols <see cref="OtlpProtocol"/> accepts.</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <inheritdoc cref="HttpProtobuf"/>
    public const string Grpc = "grpc";

    /// <summary>
    /// The OTLP collector's base URL (e.g. <c>http://127.0.0.1:4318</c>); metrics go to <c>/v1/metrics</c> and traces
    /// to <c>/v1/traces</c> under it with http/protobuf. Default: none (no OTLP export). Environment:
    /// <c>XFER_OTLP_ENDPOINT</c>. Headers (a collector's API key) go in <c>OTEL_EXPORTER_OTLP_HEADERS</c>, never here.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default, port 4318 by convention) or <c>grpc</c> (4317).</summary>
    public string OtlpProtocol { get; set; } = HttpProtobuf;

    /// <summary>
    /// The TCP port of the Prometheus scrape endpoint (<c>/metrics</c>). Default: none (no endpoint). Environment:
    /// <c>XFER_PROMETHEUS_PORT</c>.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// The address the scrape endpoint listens on. Default: 127.0.0.1. The endpoint has no authentication: listening
    /// elsewhere lets whoever reaches the port read the service's metrics (counts and rates, no job, owner or URL).
    /// </summary>
    public string PrometheusAddress { get; set; } = "127.0.0.1";

    /// <summary>True when at least one export is configured.</summary>
    public bool Enabled => OtlpEndpoint is not null || PrometheusPort is not null;
}
