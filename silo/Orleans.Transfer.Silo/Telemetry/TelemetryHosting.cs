using Microsoft.Extensions.Configuration;

namespace Orleans.Transfer.Silo.Telemetry;

/// <summary>Whether the silo exports telemetry: read before anything is registered, so that off costs nothing.</summary>
internal static class TelemetryHosting
{
    /// <summary>
    /// Reads <c>Transfer:Telemetry</c> (XFER_OTLP_ENDPOINT and XFER_PROMETHEUS_PORT already mapped onto it): null
    /// options when neither export is configured, else the options and what is wrong with them, if anything.
    /// </summary>
    public static (TelemetryOptions? Options, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        TelemetryOptions options;
        try
        {
            options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        }
        catch (InvalidOperationException ex)
        {
            // A port that is not a number fails the binder; its message names the key and the value.
            return (null, [$"{TelemetryOptions.SectionName}: {ex.Message}"]);
        }

        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            options.OtlpEndpoint = null;
        }

        return options.Enabled ? (options, [.. TelemetryOptionsValidator.Problems(options)]) : (null, []);
    }
}
