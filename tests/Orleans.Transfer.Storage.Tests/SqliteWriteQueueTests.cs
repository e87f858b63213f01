using Dapper;
using Microsoft.Data.Sqlite;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Tests;

public sealed class SqliteWriteQueueTests : IAsyncLifetime
{
    private ScratchSqlite _database = null!;

    public async Task InitializeAsync() => _database = await ScratchSqlite.CreateAsync("xfer-write-queue-tests");

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WritesQueuedWhileOneCommits_ShareTheNextCommit()
    {
        await using var queue = NewQueue();
        var (gate, release) = await HoldTheWriterAsync(queue);
        var rest = Enumerable.Range(1, 50).Select(i => queue.WriteAsync((c, t, _) => Insert(c, t, i), CancellationToken.None)).ToList();
        release.SetResult();

        await gate;
        await Task.WhenAll(rest);

        Assert.Equal(2, queue.Commits);
        Assert.Equal(50, await CountAsync());
    }

    [Fact]
    public async Task AWriteThatThrows_IsRolledBackAlone()
    {
        await using var queue = NewQueue();
        var (gate, release) = await HoldTheWriterAsync(queue);
        var before = queue.WriteAsync((c, t, _) => Insert(c, t, 1), CancellationToken.None);
        var failing = queue.WriteAsync<int>(
            async (c, t, _) =>
            {
                await Insert(c, t, 2);
                throw new InvalidOperationException("refused");
            },
            CancellationToken.None);
        var after = queue.WriteAsync((c, t, _) => Insert(c, t, 3), CancellationToken.None);
        release.SetResult();

        await gate;
        await before;
        await after;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("refused", error.Message);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        Assert.Equal([1L, 3L], await connection.QueryAsync<long>("SELECT id FROM t ORDER BY id"));
    }

    [Fact]
    public async Task AWriteCancelledBeforeItsTurn_NeverRuns()
    {
        await using var queue = NewQueue();
        var (gate, release) = await HoldTheWriterAsync(queue);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.WriteAsync((c, t, _) => Insert(c, t, 1), cancel.Token);
        await cancel.CancelAsync();
        release.SetResult();

        await gate;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task AFailedCommit_FailsEveryWriteOfTheBatch_AndTheNextBatchWorks()
    {
        await using var queue = NewQueue();
        var (gate, release) = await HoldTheWriterAsync(queue);

        // A deferred foreign key is checked at commit: the whole batch's commit fails.
        var schema = queue.WriteAsync((c, t, _) => c.ExecuteAsync(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t(id) DEFERRABLE INITIALLY DEFERRED)", transaction: t),
            CancellationToken.None);
        release.SetResult();
        await gate;
        await schema;

        var (gate2, release2) = await HoldTheWriterAsync(queue);
        var good = queue.WriteAsync((c, t, _) => Insert(c, t, 1), CancellationToken.None);
        var orphan = queue.WriteAsync((c, t, _) => c.ExecuteAsync("INSERT INTO child (id, parent) VALUES (1, 999)", transaction: t), CancellationToken.None);
        release2.SetResult();

        await gate2;
        await Assert.ThrowsAsync<SqliteException>(() => good);
        await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Equal(0, await CountAsync());

        await queue.WriteAsync((c, t, _) => Insert(c, t, 2), CancellationToken.None);
        Assert.Equal(1, await CountAsync());
    }

    /// <summary>A write that runs until released: what is queued meanwhile goes into the next batch, together.</summary>
    private static async Task<(Task<int> Gate, TaskCompletionSource Release)> HoldTheWriterAsync(SqliteWriteQueue queue)
    {
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        var gate = queue.WriteAsync(
            async (c, t, _) =>
            {
                started.SetResult();
                await release.Task;
                return 0;
            },
            CancellationToken.None);
        await started.Task;
        return (gate, release);
    }

    // Foreign keys on, so a deferred constraint can make a commit fail.
    private SqliteWriteQueue NewQueue() => new(async ct =>
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_database.ConnectionString) { ForeignKeys = true }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    });

    private static Task<int> Insert(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int id) =>
        connection.ExecuteAsync("INSERT INTO t (id, v) VALUES (@id, 'x')", new { id }, transaction);

    private async Task<long> CountAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t");
    }
}
