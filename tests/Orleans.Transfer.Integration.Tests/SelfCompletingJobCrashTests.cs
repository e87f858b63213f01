using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// A download the service completes itself, on a silo that runs alone (SQLite), writes Transferred with Acknowledged
/// after its moves. Its crash window: SIGKILLed after the file moved into place and before that one write, the silo
/// started again runs the job as last written, queued, and ends it Acknowledged with the file intact.
/// </summary>
public sealed class SelfCompletingJobCrashTests : IAsyncLifetime
{
    private const string JobRowSql = "SELECT state FROM transfer_job WHERE id = @job";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-self-completing-crash-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    /// <summary>
    /// Adds: the lone silo's crash window of a self-completing job, with a real SIGKILL. The origin takes SQLite's write
    /// lock for the test before the file's last bytes leave, so the job's next write waits in SQLite's busy handler: the
    /// file moves into place with nothing written since the create, the silo is killed, and the lock let go.
    /// </summary>
    [Fact]
    public async Task KilledAfterItsMoveBeforeItsWrite_TheJobRunsAgain_AndEndsAcknowledged_TheFileIntact()
    {
        var file = _test.Origin.AddGenerated("small.bin", 64 * 1024, seed: 169);
        var directory = _test.Subdirectory("out");
        var destination = Path.Combine(directory, "small.bin");
        var home = _test.Subdirectory("home");
        // No checkpoint and no progress write by time: a write before the move would wait on the test's lock instead.
        var environment = new Dictionary<string, string>(await StorageProfiles.EnvironmentForAsync("Sqlite"))
        {
            ["Transfer__Worker__CheckpointInterval"] = "00:10:00",
            ["Transfer__Jobs__ProgressWriteInterval"] = "00:10:00",
        };
        await using var silo = new SiloProcess(home, environment);
        await silo.StartAsync();
        using var locker = new SqliteConnection($"Data Source={Path.Combine(home, "transfer.db")}");
        locker.Open();
        file.AfterNextFullBody(() => Execute(locker, "BEGIN IMMEDIATE"));

        Guid jobId;
        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            jobId = (await transfer.StartDownloadJobAsync(
                "self-completing crash", [new FileSpec(_test.Origin.UrlFor("small.bin").ToString(), destination)], completeWhenTransferred: true)).Id;
            await SiloClients.UntilAsync(() => Task.FromResult(File.Exists(destination)), "the file moved into place", s_deadline, silo);

            // The window, as the database has it: the create's Queued, nothing since; the file in place; one download.
            Assert.Equal((long)JobState.Queued, Scalar(locker, JobRowSql, jobId.ToString("D")));
            Assert.Equal(1, file.Requests);
            await silo.KillAsync();
        }

        Execute(locker, "ROLLBACK");
        locker.Close();
        await silo.StartAsync();

        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            await SiloClients.UntilListedAsync(transfer, jobId, JobState.Acknowledged, s_deadline, silo);

            var done = await transfer.GetAsync(jobId);
            Assert.Equal((JobState.Acknowledged, null), (done.State, done.Error));
        }

        Assert.Equal(2, file.Requests);
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        Assert.Equal([destination], Directory.GetFiles(directory));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, string job)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@job", job);
        return command.ExecuteScalar();
    }
}
