using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orleans.Transfer.Tests.State;

/// <summary>The silo's SQLite database as an operator (or a crash, or an earlier version) would leave it.</summary>
internal sealed class StoredRows(string dataDirectory)
{
    private string DatabasePath => Path.Combine(dataDirectory, "transfer.db");

    /// <summary>The stored JSON of the job whose display name is <paramref name="displayName"/>.</summary>
    public async Task<string> ReadJobAsync(string displayName) => Encoding.UTF8.GetString((await FindAsync(displayName)).Payload);

    /// <summary>Replaces that job's row with what <paramref name="change"/> makes of it.</summary>
    public async Task ReplaceJobAsync(string displayName, Func<JsonObject, string> change)
    {
        var row = await FindAsync(displayName);
        var changed = change(JsonNode.Parse(row.Payload)!.AsObject());
        await using var connection = await OpenAsync();
        var count = await connection.ExecuteAsync(
            "UPDATE OrleansStorage SET PayloadBinary = @New WHERE PayloadBinary = @Old",
            new { New = Encoding.UTF8.GetBytes(changed), Old = row.Payload });
        Assert.Equal(1, count);
    }

    /// <summary>Records the job in the catalog as being in <paramref name="state"/>.</summary>
    public async Task SetCatalogStateAsync(Guid jobId, JobState state)
    {
        await using var connection = await OpenAsync();
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE transfer_job SET state = @State WHERE id = @Id", new { State = (int)state, Id = jobId.ToString("D") }));
    }

    /// <summary>The database file and its WAL as bytes (Latin-1, so any byte sequence survives), after a checkpoint.</summary>
    public async Task<string> ReadFilesAsync()
    {
        await using (var connection = await OpenAsync())
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var text = new StringBuilder();
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            text.Append(Encoding.Latin1.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    private async Task<(byte[] Payload, long Version)> FindAsync(string displayName)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<(byte[] Payload, long Version)>(
            "SELECT PayloadBinary, Version FROM OrleansStorage WHERE PayloadBinary IS NOT NULL");
        return Assert.Single(rows, r => Encoding.UTF8.GetString(r.Payload).Contains(displayName, StringComparison.Ordinal));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
