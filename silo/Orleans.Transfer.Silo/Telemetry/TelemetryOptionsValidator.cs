using System.Net;

namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>What is wrong with <see cref="TelemetryOptions"/>: one line per problem, naming the setting and the fix.</summary>
internal static class TelemetryOptionsValidator
{
    public static IEnumerable<string> Problems(TelemetryOptions options)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return "Transfer:Telemetry:OtlpEndpoint (XFER_OTLP_ENDPOINT) must be an absolute http or https URL "
                    + "such as http://127.0.0.1:4318; unset it to turn OTLP export off.";
            }
            else if (uri.UserInfo.Length > 0 || uri.Query.Length > 0)
            {
                // Would end up in logs and process listings; the exporter has its own header setting for secrets.
                yield return "Transfer:Telemetry:OtlpEndpoint (XFER_OTLP_ENDPOINT) must not carry a user name, password "
                    + "or query; put a collector's credentials in OTEL_EXPORTER_OTLP_HEADERS.";
            }
        }

        if (options.OtlpProtocol is not (TelemetryOptions.HttpProtobuf or TelemetryOptions.Grpc))
        {
            yield return $"Transfer:Telemetry:OtlpProtocol must be '{TelemetryOptions.HttpProtobuf}' or '{TelemetryOptions.Grpc}'.";
        }

        if (options.PrometheusPort is { } port && port is < 1 or > 65535)
        {
            yield return "Transfer:Telemetry:PrometheusPort (XFER_PROMETHEUS_PORT) must be a TCP port from 1 to 65535; "
                + "unset it to turn the scrape endpoint off.";
        }

        if (!IPAddress.TryParse(options.PrometheusAddress, out _))
        {
            yield return "Transfer:Telemetry:PrometheusAddress must be an IP address such as 127.0.0.1 (the default) or ::1.";
        }
    }
}
