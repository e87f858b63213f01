using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>
/// Every connection to the database, including those the Orleans AdoNet providers open themselves, has secure_delete
/// on, so overwritten rows leave nothing behind in the file, waits for a busy database in SQLite's busy handler, and
/// keeps statement journals in memory instead of temporary files.
/// </summary>
public sealed class SqliteConnectionSettingsTests
{
    // temp_store 2 is MEMORY (0 DEFAULT, 1 FILE).
    [Theory]
    [InlineData("secure_delete", 1L)]
    [InlineData("busy_timeout", 30_000L)]
    [InlineData("temp_store", 2L)]
    public async Task EveryConnection_HasTheServicesSetting_EvenOnesOpenedWithoutUs(string pragma, long expected)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProfile.Sqlite);
        db.Database.PrepareLocation();

        await using var ours = await db.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(expected, await ours.ExecuteScalarAsync<long>($"PRAGMA {pragma}"));

        await using var theirs = new SqliteConnection(new SqliteConnectionStringBuilder(db.Database.ConnectionString) { Pooling = false }.ToString());
        await theirs.OpenAsync();
        Assert.Equal(expected, await theirs.ExecuteScalarAsync<long>($"PRAGMA {pragma}"));
    }

    [Fact]
    public async Task OverwrittenRow_LeavesNoTraceInTheFile()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProfile.Sqlite);
        db.Database.PrepareLocation();
        var marker = $"plaintext-secret-{Guid.NewGuid():N}";
        await using (var connection = await db.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await db.Database.ConfigureDatabaseAsync(connection, CancellationToken.None);
            await connection.ExecuteAsync("CREATE TABLE t (payload BLOB)");
            await connection.ExecuteAsync("INSERT INTO t VALUES (@Payload)", new { Payload = Encoding.UTF8.GetBytes($"{{\"secret\":\"{marker}\"}}") });
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            Assert.Contains(marker, await ReadDatabaseAsync(db), StringComparison.Ordinal);

            await connection.ExecuteAsync("UPDATE t SET payload = @Payload", new { Payload = Encoding.UTF8.GetBytes("{\"secret\":null}") });
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        Assert.DoesNotContain(marker, await ReadDatabaseAsync(db), StringComparison.Ordinal);
    }

    private static async Task<string> ReadDatabaseAsync(TestDatabase db)
    {
        await using var file = new FileStream(db.Options.SqliteDatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
