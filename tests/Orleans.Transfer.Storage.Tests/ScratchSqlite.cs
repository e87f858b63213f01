using Dapper;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>A throw-away SQLite database in WAL mode holding one table <c>t (id, v)</c>, removed with its directory on disposal.</summary>
internal sealed class ScratchSqlite : IDisposable
{
    private readonly string _directory;

    private ScratchSqlite(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchSqlite> CreateAsync(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "scratch.db"), Pooling = true }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);");
        return new ScratchSqlite(directory, connectionString);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
