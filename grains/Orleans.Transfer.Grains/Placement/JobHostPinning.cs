using Microsoft.Extensions.Options;
using Orleans.Transfer.Grains.Cluster;

namespace Orleans.Transfer.Grains.Placement;

/// <summary>
/// Which host a job is pinned to: the host of the silo adding its files when one of its local paths lies outside every
/// shared root (only that host's disk has it), none when all do.
/// </summary>
internal sealed class JobHostPinning(IOptions<TransferClusterOptions> options)
{
    private readonly SharedRootSet _roots = new(options.Value.SharedRoots);

    /// <summary>This silo's host name (<c>Transfer:Cluster:HostName</c>).</summary>
    public string HostName { get; } = options.Value.HostName;

    /// <summary>This silo's host when a path of <paramref name="localPaths"/> is outside every shared root, else null.</summary>
    public string? PinFor(IEnumerable<string?> localPaths) =>
        localPaths.Any(p => p is not null && !_roots.Covers(p)) ? HostName : null;
}
