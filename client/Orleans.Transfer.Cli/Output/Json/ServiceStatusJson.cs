using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>
/// The JSON shape of <c>service status --format json</c>; documented in docs/contracts.md, so append only. When the
/// service is not running, only <see cref="Running"/> (false) and <see cref="Address"/> are set, the rest null.
/// </summary>
internal sealed record ServiceStatusJson(
    bool Running,
    string Address,
    string? Version,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    string? Store,
    IReadOnlyList<ListenerJson>? Listeners,
    bool? AllOwners,
    IReadOnlyList<StateCountJson>? Jobs,
    long? JobsTotal,
    ClusterStatusJson? Cluster)
{
    public static ServiceStatusJson From(string address, ServiceStatus status) => new(
        Running: true,
        address,
        status.Version,
        status.ProcessId,
        status.StartedAt.ToUniversalTime(),
        status.Store,
        [.. status.Listeners.Select(l => new ListenerJson(l.Name, l.Address))],
        status.AllOwners,
        [.. status.Jobs.Select(j => new StateCountJson(j.State, j.Count))],
        status.Jobs.Sum(j => j.Count),
        ClusterStatusJson.From(status.Cluster));

    public static ServiceStatusJson NotRunning(string address) => new(false, address, null, null, null, null, null, null, null, null, null);
}
