using Dapper;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// Runs the stored OrleansQuery texts the way the AdoNet provider does, to pin the version contract: a write or clear
/// that does not apply must hand back the caller's version (or nothing for an insert), which the provider turns into
/// an InconsistentStateException.
/// </summary>
public sealed class GrainStorageQueryTests
{
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task StoredQueries_FollowTheVersionContract(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        await db.CreateBootstrapper().EnsureSchemaAsync();
        await using var connection = await db.Database.OpenConnectionAsync(CancellationToken.None);
        var queries = (await connection.QueryAsync<(string Key, string Text)>("SELECT QueryKey, QueryText FROM OrleansQuery"))
            .ToDictionary(q => q.Key, q => q.Text);

        // Every result set, as the provider reads them: the SQLite texts are several statements.
        async Task<int[]> RunAsync(string key, int? version, byte[]? payload = null)
        {
            var versions = new List<int>();
            await using var reader = await connection.ExecuteReaderAsync(queries[key], Args(version, payload));
            do
            {
                while (await reader.ReadAsync())
                {
                    versions.Add(reader.GetInt32(0));
                }
            }
            while (await reader.NextResultAsync());

            return [.. versions];
        }

        Assert.Equal(new[] { 1 }, await RunAsync("WriteToStorageKey", null, [1]));
        Assert.Empty(await RunAsync("WriteToStorageKey", null, [2]));
        Assert.Equal(new[] { 2 }, await RunAsync("WriteToStorageKey", 1, [3]));
        Assert.Equal(new[] { 1 }, await RunAsync("WriteToStorageKey", 1, [4]));

        var read = await connection.QuerySingleAsync<(byte[] PayloadBinary, int Version)>(queries["ReadFromStorageKey"], Args(null, null));
        Assert.Equal(new byte[] { 3 }, read.PayloadBinary);
        Assert.Equal(2, read.Version);

        Assert.Equal(new[] { 1 }, await RunAsync("ClearStorageKey", 1));
        Assert.Equal(new[] { 3 }, await RunAsync("ClearStorageKey", 2));
        Assert.Equal(new[] { 2 }, await RunAsync("DeleteStorageKey", 2));
        Assert.Equal(new[] { 4 }, await RunAsync("DeleteStorageKey", 3));
        Assert.Empty(await connection.QueryAsync(queries["ReadFromStorageKey"], Args(null, null)));
    }

    private static DynamicParameters Args(int? version, byte[]? payload)
    {
        var args = new DynamicParameters(new
        {
            GrainIdHash = 17,
            GrainIdN0 = 1L,
            GrainIdN1 = 2L,
            GrainTypeHash = 23,
            GrainTypeString = "probe",
            ServiceId = StorageNames.ServiceId,
        });
        args.Add("GrainIdExtensionString", null, System.Data.DbType.String);
        args.Add("GrainStateVersion", version, System.Data.DbType.Int32);
        args.Add("PayloadBinary", payload, System.Data.DbType.Binary);
        return args;
    }
}
