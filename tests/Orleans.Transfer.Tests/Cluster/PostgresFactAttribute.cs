using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests.Cluster;

/// <summary>A fact that needs PostgreSQL (XFER_TEST_POSTGRES): skipped without it, but run (and failing) under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (StorageProfiles.PostgresConnectionString is null && !StorageProfiles.IsCi)
        {
            Skip = $"{StorageProfiles.PostgresVariable} is not set; scripts/test.sh starts a throwaway PostgreSQL";
        }
    }
}
