namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// A test of real silo processes in one cluster on the test PostgreSQL: skipped when no server is configured, except
/// under CI=true, where it runs and fails with instructions.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterTheoryAttribute : TheoryAttribute
{
    public ClusterTheoryAttribute()
    {
        if (StorageProfiles.PostgresConnectionString is null && !StorageProfiles.IsCi)
        {
            Skip = $"a cluster needs PostgreSQL: set {StorageProfiles.PostgresVariable} (eval \"$(scripts/postgres.sh start)\")";
        }
    }
}
