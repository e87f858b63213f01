using System.Reflection;
using Xunit.Sdk;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// Supplies <see cref="StorageProfile.PostgreSql"/> to a storage theory. Skipped when XFER_TEST_POSTGRES is not set,
/// except under CI=true, where the row runs and fails in <see cref="TestDatabase"/> with instructions.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestDatabase.PostgresConnectionString is null && !TestDatabase.IsCi)
        {
            Skip = $"{TestDatabase.PostgresVariable} is not set; run: eval \"$(scripts/postgres.sh start)\"";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StorageProfile.PostgreSql]];
}
