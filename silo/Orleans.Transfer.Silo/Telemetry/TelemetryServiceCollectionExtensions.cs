using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>Registers the OpenTelemetry SDK with the exports <see cref="TelemetryOptions"/> turns on (docs/telemetry.md).</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The <c>service.name</c> of every metric and span.</summary>
    public const string ServiceName = "orleans-transfer";

    /// <summary>Orleans' own meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The runtime's built-in meter (GC, thread pool, exceptions): observable instruments, read only when exported.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    // Tags the HTTP and DNS instruments of .NET keep here. The others name the remote end (server.address,
    // server.port, network.peer.address, dns.question.name): where users download from is theirs, and a scrape
    // endpoint is readable by every local user; they are also unbounded.
    private static readonly string[] s_httpTags =
    [
        "http.request.method",
        "http.response.status_code",
        "http.connection.state",
        "network.protocol.version",
        "url.scheme",
        "error.type",
    ];

    /// <summary>Call only when <see cref="TelemetryOptions.Enabled"/>: while both exports are off nothing is registered.</summary>
    public static IServiceCollection AddTransferTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        var otlp = options.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        var protocol = options.OtlpProtocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: ServiceVersion()))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(TransferInstruments.MeterName, OrleansMeterName, RuntimeMeterName)
                    .AddHttpClientInstrumentation()
                    .AddView(HttpTagsOnly);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Target(o, otlp, protocol, "v1/metrics"));
                }

                if (options.PrometheusPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // Traces have no Prometheus form: without OTLP nobody listens, and attempts start no activities at all.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TransferActivities.SourceName)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Target(o, otlp, protocol, "v1/traces")));
        }

        services.AddSingleton(options);
        services.TryAddSingleton<ServiceStartFailure>();
        services.AddHostedService<TelemetryHost>();
        return services;
    }

    private static MetricStreamConfiguration? HttpTagsOnly(Instrument instrument) =>
        instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution"
            ? new MetricStreamConfiguration { TagKeys = s_httpTags }
            : null;

    private static void Target(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;

        // A code-set endpoint is used as given: http/protobuf needs the signal's path, gRPC the bare address.
        exporter.Endpoint = protocol == OtlpExportProtocol.Grpc
            ? endpoint
            : new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath);
    }

    private static string? ServiceVersion() =>
        typeof(TelemetryServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
