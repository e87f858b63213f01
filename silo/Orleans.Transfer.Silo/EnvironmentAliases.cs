using Orleans.Transfer.Silo.Cluster;
using Orleans.Transfer.Silo.Uploads;

namespace Orleans.Transfer.Silo;

/// <summary>The documented short environment variables, mapped onto configuration keys.</summary>
internal static class EnvironmentAliases
{
    private static readonly (string Variable, string Key)[] s_aliases =
    [
        ("XFER_LISTEN_ADDRESS", "Transfer:Host:ListenAddress"),
        ("XFER_SILO_PORT", "Transfer:Host:SiloPort"),
        ("XFER_GATEWAY_PORT", "Transfer:Host:GatewayPort"),
        ("XFER_HOME", "Transfer:Host:DataDirectory"),
        ("XFER_STORAGE", "Transfer:Storage:Profile"),
        ("XFER_POSTGRES", "Transfer:Storage:ConnectionString"),
        ("XFER_OTLP_ENDPOINT", "Transfer:Telemetry:OtlpEndpoint"),
        ("XFER_PROMETHEUS_PORT", "Transfer:Telemetry:PrometheusPort"),
        ("XFER_WEB_PORT", "Transfer:Dashboard:Port"),
        ("XFER_CLUSTER_ID", "Transfer:Cluster:ClusterId"),
        ("XFER_CACHE_DIR", "Transfer:Cache:Directory"),
    ];

    public static IEnumerable<KeyValuePair<string, string?>> Read() =>
        s_aliases
            .Select(a => (a.Key, Value: Environment.GetEnvironmentVariable(a.Variable)))
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .Select(a => new KeyValuePair<string, string?>(a.Key, a.Value))
            .Concat(UploadEnvironment.Read())
            .Concat(ClusterEnvironment.Read());
}
