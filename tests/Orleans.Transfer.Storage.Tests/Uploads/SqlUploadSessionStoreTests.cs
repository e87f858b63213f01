using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Uploads.Sessions;
using Orleans.Transfer.Uploads.Sessions.Sql;

namespace Orleans.Transfer.Storage.Tests.Uploads;

/// <summary>
/// The upload server's SQL session store on real SQLite and PostgreSQL, a fresh database per test, registered as an app
/// registers it (AddSqlUploadSessionStore); two service providers on one database stand for two server processes.
/// </summary>
public sealed class SqlUploadSessionStoreTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Session_RoundTrips_UpdatesByVersion_AndDeletes(StorageProfile profile)
    {
        await using var database = await TestDatabase.CreateAsync(profile);
        await using var store = NewStore(database);
        var session = NewSession() with { User = "alice", ReplyStaticUrl = "https://app.example/reply" };

        Assert.True(await store.TryCreateAsync(session, maxSessions: 10, CancellationToken.None));
        Assert.Equal(session, await store.FindAsync(session.Id, CancellationToken.None));

        var received = session with
        {
            TotalBytes = 1000,
            ReceivedBytes = 400,
            Phase = UploadSessionPhase.Committed,
            LastActivity = s_start.AddMinutes(5),
            ReplyToken = "token",
            Version = 1,
            LeaseHolder = "holder",
            LeaseExpires = s_start.AddMinutes(6),
        };
        Assert.True(await store.TryUpdateAsync(received, CancellationToken.None));
        Assert.Equal(received, await store.FindAsync(session.Id, CancellationToken.None));

        // Same base version again, and a version that skips one: both stale.
        Assert.False(await store.TryUpdateAsync(received with { ReceivedBytes = 500 }, CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(received with { Version = 3 }, CancellationToken.None));
        Assert.Equal(400, (await store.FindAsync(session.Id, CancellationToken.None))!.ReceivedBytes);

        Assert.True(await store.DeleteAsync(session.Id, CancellationToken.None));
        Assert.False(await store.DeleteAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.FindAsync(session.Id, CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(received with { Version = 2 }, CancellationToken.None));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentUpdates_FromOneVersion_ExactlyOneWins(StorageProfile profile)
    {
        await using var database = await TestDatabase.CreateAsync(profile);
        await using var first = NewStore(database);
        await using var second = NewStore(database);
        var session = NewSession();
        Assert.True(await first.TryCreateAsync(session, 10, CancellationToken.None));

        // Two stores on one database stand for two server processes.
        var attempts = Enumerable.Range(1, 16)
            .Select(i => (i % 2 == 0 ? first : second).TryUpdateAsync(session with { ReceivedBytes = i, Version = 1 }, CancellationToken.None))
            .ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        var winner = results.ToList().IndexOf(true) + 1;
        var stored = await first.FindAsync(session.Id, CancellationToken.None);
        Assert.Equal(winner, stored!.ReceivedBytes);
        Assert.Equal(1, stored.Version);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ConcurrentCreates_NeverExceedMaxSessions(StorageProfile profile)
    {
        await using var database = await TestDatabase.CreateAsync(profile);
        await using var first = NewStore(database);
        await using var second = NewStore(database);
        const int Max = 5;

        var results = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(i => (i % 2 == 0 ? first : second).TryCreateAsync(NewSession(), Max, CancellationToken.None)));

        Assert.Equal(Max, results.Count(created => created));
        Assert.Equal(Max, (await first.ListIdleAsync(DateTimeOffset.MaxValue, 100, CancellationToken.None)).Count);

        // A deleted session frees its place.
        var one = (await first.ListIdleAsync(DateTimeOffset.MaxValue, 1, CancellationToken.None))[0];
        Assert.False(await first.TryCreateAsync(NewSession(), Max, CancellationToken.None));
        Assert.True(await second.DeleteAsync(one.Id, CancellationToken.None));
        Assert.True(await first.TryCreateAsync(NewSession(), Max, CancellationToken.None));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ListIdle_ReturnsTheOldestBeforeTheTime_UpToMax(StorageProfile profile)
    {
        await using var database = await TestDatabase.CreateAsync(profile);
        await using var store = NewStore(database);
        var sessions = Enumerable.Range(0, 5).Select(i => NewSession() with { LastActivity = s_start.AddMinutes(10 - i) }).ToList();
        foreach (var session in sessions)
        {
            Assert.True(await store.TryCreateAsync(session, 10, CancellationToken.None));
        }

        var idle = await store.ListIdleAsync(s_start.AddMinutes(9), 2, CancellationToken.None);
        Assert.Equal([sessions[4].Id, sessions[3].Id], idle.Select(s => s.Id));

        var all = await store.ListIdleAsync(s_start.AddMinutes(9), 10, CancellationToken.None);
        Assert.Equal([sessions[4].Id, sessions[3].Id, sessions[2].Id], all.Select(s => s.Id));
        Assert.Empty(await store.ListIdleAsync(s_start, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData(SqlUploadSessionProvider.Sqlite, "", "ConnectionString is required")]
    [InlineData(SqlUploadSessionProvider.Sqlite, "Data Source=:memory:", "must name a database file")]
    [InlineData(SqlUploadSessionProvider.Sqlite, "Data Source=x.db;Mode=Memory", "must name a database file")]
    [InlineData(SqlUploadSessionProvider.PostgreSql, "Hots=db", "is not a valid PostgreSql connection string")]
    public void Validator_RefusesUnusableSettings_NamingTheSetting(SqlUploadSessionProvider provider, string connectionString, string expected)
    {
        var failure = ValidationFailure(o =>
        {
            o.Provider = provider;
            o.ConnectionString = connectionString;
        });

        Assert.Contains("Transfer:Uploads:SessionStore:ConnectionString", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_RefusesATableNameThatIsNoIdentifier()
    {
        var failure = ValidationFailure(o =>
        {
            o.ConnectionString = "Data Source=/tmp/x.db";
            o.TableName = "sessions; DROP TABLE x";
        });

        Assert.Contains("Transfer:Uploads:SessionStore:TableName", failure, StringComparison.Ordinal);
    }

    private static string ValidationFailure(Action<SqlUploadSessionStoreOptions> configure)
    {
        using var services = NewServices().AddSqlUploadSessionStore(configure).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SqlUploadSessionStoreOptions>>().Value);
        return e.Message;
    }

    /// <summary>A table made before the write lease existed gets its two columns at the next start, and keeps its rows.</summary>
    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task TableWithoutTheLeaseColumns_GetsThem_AndKeepsItsSessions(StorageProfile profile)
    {
        await using var database = await TestDatabase.CreateAsync(profile);
        var session = NewSession();
        await using (var connection = await OpenRawAsync(database))
        {
            var time = profile == StorageProfile.Sqlite ? "TEXT" : "timestamptz";
            await connection.ExecuteAsync($"""
                CREATE TABLE bits_upload_session (id varchar(100) NOT NULL PRIMARY KEY, directory text NOT NULL,
                    relative_path text NOT NULL, user_name text NULL, total_bytes bigint NULL, received_bytes bigint NOT NULL,
                    phase integer NOT NULL, created {time} NOT NULL, last_activity {time} NOT NULL, reply_token text NULL,
                    reply_static_url text NULL, version bigint NOT NULL)
                """);
            object created = profile == StorageProfile.Sqlite
                ? session.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
                : session.Created;
            await connection.ExecuteAsync(
                "INSERT INTO bits_upload_session VALUES (@Id, @Directory, @RelativePath, NULL, NULL, 0, 0, @Created, @Created, NULL, NULL, 0)",
                new { session.Id, session.Directory, session.RelativePath, Created = created });
        }

        await using var store = NewStore(database);
        Assert.Equal(session, await store.FindAsync(session.Id, CancellationToken.None));
        var leased = session with { LeaseHolder = "holder", LeaseExpires = s_start.AddSeconds(30), Version = 1 };
        Assert.True(await store.TryUpdateAsync(leased, CancellationToken.None));
        Assert.Equal(leased, await store.FindAsync(session.Id, CancellationToken.None));
    }

    private static async Task<System.Data.Common.DbConnection> OpenRawAsync(TestDatabase database)
    {
        System.Data.Common.DbConnection connection = database.Options.Profile == StorageProfile.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(
                $"Data Source={Path.Combine(Directory.CreateDirectory(database.Options.DataDirectory).FullName, "uploads.db")}")
            : new Npgsql.NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    // As in an app: logging and a configuration (empty here: the delegate sets everything).
    private static IServiceCollection NewServices() =>
        new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

    private static Store NewStore(TestDatabase database)
    {
        var options = database.Options.Profile == StorageProfile.Sqlite
            ? new SqlUploadSessionStoreOptions
            {
                Provider = SqlUploadSessionProvider.Sqlite,
                ConnectionString = $"Data Source={Path.Combine(Directory.CreateDirectory(database.Options.DataDirectory).FullName, "uploads.db")}",
            }
            : new SqlUploadSessionStoreOptions { Provider = SqlUploadSessionProvider.PostgreSql, ConnectionString = database.Options.ConnectionString! };
        var services = NewServices().AddSqlUploadSessionStore(o =>
        {
            o.Provider = options.Provider;
            o.ConnectionString = options.ConnectionString;
        }).BuildServiceProvider();
        return new Store(services);
    }

    /// <summary>The store and the container that owns (and disposes) it.</summary>
    private sealed class Store(ServiceProvider services) : IAsyncDisposable
    {
        private readonly IUploadSessionStore _store = services.GetRequiredService<IUploadSessionStore>();

        public Task<bool> TryCreateAsync(UploadSession s, int maxSessions, CancellationToken ct) => _store.TryCreateAsync(s, maxSessions, ct);

        public Task<UploadSession?> FindAsync(string id, CancellationToken ct) => _store.FindAsync(id, ct);

        public Task<bool> TryUpdateAsync(UploadSession s, CancellationToken ct) => _store.TryUpdateAsync(s, ct);

        public Task<bool> DeleteAsync(string id, CancellationToken ct) => _store.DeleteAsync(id, ct);

        public Task<IReadOnlyList<UploadSession>> ListIdleAsync(DateTimeOffset before, int max, CancellationToken ct) => _store.ListIdleAsync(before, max, ct);

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    private static UploadSession NewSession() => new(
        $"{{{Guid.NewGuid().ToString().ToUpperInvariant()}}}",
        "/uploads",
        $"dir/{Guid.NewGuid():N}.bin",
        null,
        null,
        0,
        UploadSessionPhase.Receiving,
        s_start,
        s_start);
}
