
namespace Orleans.Transfer.LocalApi.Status;

/// <summary>
/// What <c>GET /v1/service/status</c> reports beyond what it asks the grains: filled in by the host, which knows how it
/// was configured. The local API's own endpoint is listed without being added here.
/// </summary>
public sealed class ServiceStatusOptions
{
    /// <summary>The storage profile's name (<c>Sqlite</c> or <c>PostgreSql</c>); default <c>Sqlite</c>, the service's default profile. Never a connection string.</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>The other addresses the service listens on (silo, gateway, upload server, ...), in the order shown; default none.</summary>
    public IList<ServiceListener> Listeners { get; } = [];
}
