using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes: the silo completing a job the service completes itself dies between the job's
/// Transferred write and its Acknowledged write, after the file moved into place. A survivor's dead-silo waker wakes
/// the job and its new activation completes it, with no call to the job and no download again (docs/cluster.md,
/// "Failover").
/// </summary>
public sealed class ClusterCompletionCrashTests : IAsyncLifetime
{
    private const string ClaimsSql = "SELECT local_path FROM transfer_destination WHERE job_id = @job";

    // The Acknowledged write releases the job's destination claims in its transaction; the Transferred write does not.
    // A lock on the claim holds that transaction after the moves, with its state and catalog row written but not committed.
    private const string LockClaimsSql = ClaimsSql + " FOR UPDATE";

    private const string JobRowSql = "SELECT state, complete_when_transferred, silo FROM transfer_job WHERE id = @job";

    private const string WaitingOnSql = "SELECT pid, query FROM pg_stat_activity WHERE @locker = ANY(pg_blocking_pids(pid))";

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-completion-crash-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    /// <summary>
    /// Adds: the crash window of a self-completing job across a real silo death. The test holds a row lock on the job's
    /// destination claim, so the holder's Acknowledged write waits in the database after the moves; the database shows
    /// that write waiting and Transferred committed; the holder is SIGKILLed (its transaction aborts) and the lock let
    /// go. Tight probes: the kernel refuses connections to the dead port at once, so the death is declared in seconds.
    /// </summary>
    [ClusterTheory]
    [InlineData(true)]
    public async Task TheSiloCompletingAJobDiesBetweenTransferredAndAcknowledged_ASurvivorCompletesIt_WithoutDownloadingAgain(bool tightProbes)
    {
        var file = _test.Origin.AddGenerated("small.bin", 64 * 1024, seed: 168);
        var directory = _test.Subdirectory("out");
        var destination = Path.Combine(directory, "small.bin");
        await using var cluster = await SiloCluster.StartAsync(_test.Root, count: 3, tightProbes);
        var clients = await SiloClients.ConnectAllAsync(cluster);
        await using var database = NpgsqlDataSource.Create(cluster.PostgresConnectionString);

        try
        {
            var transfer = clients[0].Services.GetRequiredService<ITransferClient>();
            var job = await transfer.CreateJobAsync(new CreateJobRequest(
                "cluster completion crash", null, JobType.Download, JobPriority.Foreground, Owner: string.Empty,
                Files: [new FileSpec(_test.Origin.UrlFor("small.bin").ToString(), destination)], Resume: false, CompleteWhenTransferred: true));

            await using var locker = await database.OpenConnectionAsync();
            await using var hold = await locker.BeginTransactionAsync();
            // A claim is keyed by owner and path: "owner|path".
            Assert.EndsWith("|" + destination, Assert.Single(await QueryAsync(locker, LockClaimsSql, r => r.GetString(0), ("job", job.Id))), StringComparison.Ordinal);
            var lockerPid = Assert.Single(await QueryAsync(locker, "SELECT pg_backend_pid()", r => r.GetInt32(0)));

            await transfer.ResumeAsync(job.Id);
            List<(int Pid, string Query)> waiting = [];
            await SiloClients.UntilAsync(
                async () => (waiting = await QueryAsync(database, WaitingOnSql, r => (r.GetInt32(0), r.GetString(1)), ("locker", lockerPid))).Count > 0,
                "the holder's Acknowledged write waiting on the claim's lock",
                s_deadline,
                [.. cluster.Silos]);
            var write = Assert.Single(waiting);
            Assert.StartsWith("DELETE FROM transfer_destination", write.Query, StringComparison.Ordinal);

            // The window, as the database has it: Transferred committed, Acknowledged not; the file moved; one download.
            var row = Assert.Single(await QueryAsync(database, JobRowSql, r => (State: (JobState)r.GetInt32(0), CompletesItself: r.GetInt32(1), Silo: r.GetString(2)), ("job", job.Id)));
            Assert.Equal((JobState.Transferred, 1), (row.State, row.CompletesItself));
            Assert.Equal([destination], Directory.GetFiles(directory));
            var requests = file.Requests;
            var holder = cluster.ByAddress(row.Silo);

            await holder.KillAsync();
            await hold.RollbackAsync();
            var survivors = cluster.Silos.Where(s => s != holder).ToArray();
            await SiloClients.UntilAsync(
                async () => (await QueryAsync(database, "SELECT pid FROM pg_stat_activity WHERE pid = @pid", r => r.GetInt32(0), ("pid", write.Pid))).Count == 0,
                "the dead holder's transaction ended",
                s_deadline,
                survivors);

            // No call to the job: a survivor's waker wakes it, and its row says Acknowledged. Read from the database, as a
            // listing through a survivor fails while the survivors still send the dead silo its share of the directory.
            await SiloClients.UntilAsync(
                async () => (await QueryAsync(database, JobRowSql, r => (JobState)r.GetInt32(0), ("job", job.Id))).Single() == JobState.Acknowledged,
                "Acknowledged in the catalog",
                s_deadline,
                survivors);
            var survivorTransfer = clients[cluster.Silos.ToList().IndexOf(survivors[0])].Services.GetRequiredService<ITransferClient>();

            var done = await survivorTransfer.GetAsync(job.Id);
            Assert.Equal(JobState.Acknowledged, done.State);
            Assert.Null(done.Error);
            Assert.Contains(cluster.ByAddress(done.Silo!), survivors);
            Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
            Assert.Equal([destination], Directory.GetFiles(directory));
            Assert.Equal(requests, file.Requests);
            Assert.Empty(await QueryAsync(database, ClaimsSql, r => r.GetString(0), ("job", job.Id)));
            var history = await survivorTransfer.GetHistoryAsync(job.Id);
            Assert.Equal(JobState.Acknowledged, history.Events[^1].State);
            Assert.DoesNotContain(history.Events, e => e.Kind == JobHistoryKind.Error);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<List<T>> QueryAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<List<T>> QueryAsync<T>(
        NpgsqlDataSource database, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await QueryAsync(connection, sql, read, parameters);
    }
}
