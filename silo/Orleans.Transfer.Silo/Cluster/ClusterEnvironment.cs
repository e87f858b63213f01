namespace Orleans.Transfer.Silo.Cluster;

/// <summary>
/// <c>XFER_SHARED_ROOTS</c> (roots separated by the platform's path separator, as PATH is) and <c>XFER_HOST_NAME</c> as
/// the keys of <c>Transfer:Cluster</c> (docs/cluster.md).
/// </summary>
internal static class ClusterEnvironment
{
    public const string SharedRootsVariable = "XFER_SHARED_ROOTS";

    public const string HostNameVariable = "XFER_HOST_NAME";

    public static IEnumerable<KeyValuePair<string, string?>> Read()
    {
        if (Environment.GetEnvironmentVariable(SharedRootsVariable) is { Length: > 0 } roots)
        {
            var index = 0;
            foreach (var root in roots.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new($"Transfer:Cluster:SharedRoots:{index++}", root);
            }
        }

        if (Environment.GetEnvironmentVariable(HostNameVariable) is { Length: > 0 } host)
        {
            yield return new("Transfer:Cluster:HostName", host);
        }
    }
}
