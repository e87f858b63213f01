namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>A cluster keeps membership and jobs in PostgreSQL; the single-machine SQLite profile refuses to cluster.</summary>
public sealed class ClusterProfileTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-cluster-sqlite-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task ClusterIdWithSqlite_RefusesToStart_WithExitSevenAndWhatToSet()
    {
        await using var silo = new SiloProcess(_home, new Dictionary<string, string>
        {
            ["XFER_STORAGE"] = "Sqlite",
            ["XFER_CLUSTER_ID"] = "east",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Equal(8, silo.ExitCode);
        Assert.Contains("XFER_STORAGE=PostgreSql", refused.Message, StringComparison.Ordinal);
        Assert.Contains("unset XFER_CLUSTER_ID", refused.Message, StringComparison.Ordinal);
    }
}
