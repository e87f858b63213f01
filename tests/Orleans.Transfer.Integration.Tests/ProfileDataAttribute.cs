using System.Reflection;
using Xunit.Sdk;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// Runs a theory on both storage profiles. The PostgreSQL row is skipped when no server is configured, except under
/// CI=true, where it runs and fails with instructions.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProfileDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return ["Sqlite"];
        if (StorageProfiles.PostgresConnectionString is not null || StorageProfiles.IsCi)
        {
            yield return ["PostgreSql"];
        }
    }
}
