using Dapper;
using Microsoft.Data.Sqlite;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

public sealed class StatementCachingConnectionTests : IAsyncLifetime
{
    private const string InsertSql = "INSERT INTO t (id, v) VALUES (@Id, @V)";
    private const string ReadSql = "SELECT v FROM t WHERE id = @Id; SELECT COUNT(*) FROM t";

    private ScratchSqlite _database = null!;

    public async Task InitializeAsync() => _database = await ScratchSqlite.CreateAsync("xfer-statement-cache-tests");

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheSameSql_RunsOnTheSameCompiledStatement_WithEachCallsValues()
    {
        await using var connection = await OpenAsync();

        var first = await ReadHandleAsync(connection, insertId: 1);
        var second = await ReadHandleAsync(connection, insertId: 2);

        // The statement SQLite compiled for the first call is the one the second call ran: nothing was parsed again.
        Assert.Equal(first.Handle, second.Handle);
        Assert.Equal(("v1", 1L), (first.Value, first.Count));
        Assert.Equal(("v2", 2L), (second.Value, second.Count));
        Assert.Equal(2, connection.IdleCommands);
    }

    [Fact]
    public async Task DappersListExecution_InATransaction_WritesEveryRowAndCommits()
    {
        await using var connection = await OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var rows = Enumerable.Range(1, 5).Select(i => new { Id = i, V = $"v{i}" }).ToList();
            Assert.Equal(5, await connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction)));
            await transaction.CommitAsync();
        }

        await using var plain = new SqliteConnection(_database.ConnectionString);
        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], await plain.QueryAsync<string>("SELECT v FROM t ORDER BY id"));
    }

    /// <summary>
    /// Adds: a parameter named without its prefix binds to the '@' name of every statement that has it (and a second
    /// statement without it is no error), as one already named with '@' does.
    /// </summary>
    [Fact]
    public async Task NamesGivenWithoutTheirPrefix_BindToTheAtParameters_OfEveryStatement()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t (id, v) VALUES (@Id, @V); SELECT v FROM t WHERE id = @Id";
        foreach (var (name, value) in new (string, object)[] { ("Id", 7), ("@V", "v7") })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        Assert.Equal("v7", await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Adds: the writer's contract that SQL names its parameters with '@': a bare name no longer reaches a ':' or '$'
    /// parameter, and the command says which value is missing instead of binding it.
    /// </summary>
    [Fact]
    public async Task ABareName_DoesNotBindToAColonParameter()
    {
        await using var connection = await OpenAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecuteAsync("INSERT INTO t (id, v) VALUES (:Id, @V)", new { Id = 1, V = "v1" }));

        Assert.Contains(":Id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandThatFailed_IsNotKept_AndTheSameSqlRunsAgainAfterIt()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(InsertSql, new { Id = 1, V = "v1" });
        Assert.Equal(1, connection.IdleCommands);

        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(InsertSql, new { Id = 1, V = "again" }));
        Assert.Equal(0, connection.IdleCommands);

        await connection.ExecuteAsync(InsertSql, new { Id = 2, V = "v2" });
        await using var plain = new SqliteConnection(_database.ConnectionString);
        Assert.Equal(["v1", "v2"], await plain.QueryAsync<string>("SELECT v FROM t ORDER BY id"));
    }

    [Fact]
    public async Task WritesThroughTheQueue_OnACachingConnection_SurviveAFailedWriteBetweenThem()
    {
        await using var queue = new SqliteWriteQueue(async ct => await OpenAsync());

        await queue.WriteAsync((c, t, _) => c.ExecuteAsync(new CommandDefinition(InsertSql, new { Id = 1, V = "v1" }, t)), CancellationToken.None);
        await Assert.ThrowsAsync<SqliteException>(
            () => queue.WriteAsync((c, t, _) => c.ExecuteAsync(new CommandDefinition(InsertSql, new { Id = 1, V = "dup" }, t)), CancellationToken.None));
        await queue.WriteAsync((c, t, _) => c.ExecuteAsync(new CommandDefinition(InsertSql, new { Id = 2, V = "v2" }, t)), CancellationToken.None);

        await using var plain = new SqliteConnection(_database.ConnectionString);
        Assert.Equal(["v1", "v2"], await plain.QueryAsync<string>("SELECT v FROM t ORDER BY id"));
    }

    private async Task<StatementCachingConnection> OpenAsync()
    {
        var inner = new SqliteConnection(_database.ConnectionString);
        await inner.OpenAsync();
        return new StatementCachingConnection(inner);
    }

    private static async Task<(IntPtr Handle, string Value, long Count)> ReadHandleAsync(StatementCachingConnection connection, int insertId)
    {
        await connection.ExecuteAsync(InsertSql, new { Id = insertId, V = $"v{insertId}" });
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        var id = command.CreateParameter();
        id.ParameterName = "@Id";
        id.Value = insertId;
        command.Parameters.Add(id);
        await using var reader = (SqliteDataReader)await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var handle = reader.Handle!.DangerousGetHandle();
        var value = reader.GetString(0);
        Assert.True(await reader.NextResultAsync());
        Assert.True(await reader.ReadAsync());
        return (handle, value, reader.GetInt64(0));
    }
}
