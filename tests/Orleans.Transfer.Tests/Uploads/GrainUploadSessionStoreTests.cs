using Orleans.Runtime.Messaging;
using Orleans.Transfer.Silo.Uploads;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// The silo's upload session store (session grains and their index) on the test cluster's SQLite grain storage. The
/// index is one per cluster and shared by these tests, so each works on its own sessions and its own stretch of time.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainUploadSessionStoreTests(ClusterFixture fixture)
{
    private static readonly TimeSpan s_reconnectDeadline = TimeSpan.FromSeconds(60);

    private IUploadSessionIndexGrain Index => fixture.Grains.GetGrain<IUploadSessionIndexGrain>(0);

    [Fact]
    public async Task Session_RoundTrips_UpdatesByVersion_AndDeletes()
    {
        var store = new GrainUploadSessionStore(fixture.Grains);
        var start = new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var session = NewSession(start) with { User = "alice" };

        Assert.True(await store.TryCreateAsync(session, int.MaxValue, CancellationToken.None));
        Assert.False(await store.TryCreateAsync(session, int.MaxValue, CancellationToken.None));
        Assert.Equal(session, await store.FindAsync(session.Id, CancellationToken.None));

        var updated = session with { TotalBytes = 10, ReceivedBytes = 4, Phase = UploadSessionPhase.Committed, ReplyToken = "t", Version = 1 };
        Assert.True(await store.TryUpdateAsync(updated, CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(updated with { ReceivedBytes = 5 }, CancellationToken.None));
        Assert.Equal(updated, await store.FindAsync(session.Id, CancellationToken.None));

        Assert.True(await store.DeleteAsync(session.Id, CancellationToken.None));
        Assert.False(await store.DeleteAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.FindAsync(session.Id, CancellationToken.None));
        Assert.DoesNotContain(session.Id, await Index.ListIdleAsync(DateTimeOffset.MaxValue, int.MaxValue));
    }

    [Fact]
    public async Task ConcurrentUpdates_FromOneVersion_ExactlyOneWins()
    {
        var store = new GrainUploadSessionStore(fixture.Grains);
        var session = NewSession(new DateTimeOffset(2003, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(await store.TryCreateAsync(session, int.MaxValue, CancellationToken.None));

        var results = await Task.WhenAll(Enumerable.Range(1, 16)
            .Select(i => store.TryUpdateAsync(session with { ReceivedBytes = i, Version = 1 }, CancellationToken.None)));

        Assert.Equal(1, results.Count(won => won));
        var stored = await store.FindAsync(session.Id, CancellationToken.None);
        Assert.Equal(results.ToList().IndexOf(true) + 1, stored!.ReceivedBytes);
        await store.DeleteAsync(session.Id, CancellationToken.None);
    }

    [Fact]
    public async Task ConcurrentCreates_NeverExceedMaxSessions()
    {
        var store = new GrainUploadSessionStore(fixture.Grains);
        var start = new DateTimeOffset(2004, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var max = await Index.CountAsync() + 3;
        var sessions = Enumerable.Range(0, 12).Select(_ => NewSession(start)).ToList();

        var results = await Task.WhenAll(sessions.Select(s => store.TryCreateAsync(s, max, CancellationToken.None)));

        Assert.Equal(3, results.Count(created => created));
        Assert.Equal(max, await Index.CountAsync());
        var created = sessions.Where((_, i) => results[i]).ToList();
        Assert.True(await store.DeleteAsync(created[0].Id, CancellationToken.None));
        Assert.True(await store.TryCreateAsync(sessions.First(s => !created.Contains(s)), max, CancellationToken.None));
        foreach (var session in sessions)
        {
            await store.DeleteAsync(session.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ListIdle_ChecksTheIndexAgainstEachSession()
    {
        var store = new GrainUploadSessionStore(fixture.Grains);
        var start = new DateTimeOffset(2005, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var quiet = NewSession(start);
        var recent = NewSession(start);
        Assert.True(await store.TryCreateAsync(quiet, int.MaxValue, CancellationToken.None));
        Assert.True(await store.TryCreateAsync(recent, int.MaxValue, CancellationToken.None));

        // Under a minute later: the session does not report to the index, which still has the creation time.
        Assert.True(await store.TryUpdateAsync(recent with { LastActivity = start.AddSeconds(30), Version = 1 }, CancellationToken.None));
        Assert.Contains(recent.Id, await Index.ListIdleAsync(start.AddSeconds(10), int.MaxValue));

        var idle = await store.ListIdleAsync(start.AddSeconds(10), 10, CancellationToken.None);
        Assert.Equal([quiet.Id], idle.Select(s => s.Id));

        // The store caught the index up; a minute later both are idle, oldest first.
        Assert.DoesNotContain(recent.Id, await Index.ListIdleAsync(start.AddSeconds(10), int.MaxValue));
        idle = await store.ListIdleAsync(start.AddMinutes(1), 10, CancellationToken.None);
        Assert.Equal([quiet.Id, recent.Id], idle.Select(s => s.Id));

        await store.DeleteAsync(quiet.Id, CancellationToken.None);
        await store.DeleteAsync(recent.Id, CancellationToken.None);
        Assert.Empty(await store.ListIdleAsync(start.AddMinutes(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_AndTheirReceivedBytes_SurviveSiloRestart()
    {
        var start = new DateTimeOffset(2006, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var store = new GrainUploadSessionStore(fixture.Grains);
        var session = NewSession(start);
        Assert.True(await store.TryCreateAsync(session, int.MaxValue, CancellationToken.None));
        var received = session with { TotalBytes = 1 << 20, ReceivedBytes = 123_456, LastActivity = start.AddMinutes(2), Version = 1 };
        Assert.True(await store.TryUpdateAsync(received, CancellationToken.None));

        await fixture.RestartSiloAsync();

        var kept = await ReconnectedAsync(() => store.FindAsync(session.Id, CancellationToken.None));
        Assert.Equal(received, kept);
        Assert.Contains(session.Id, await Index.ListIdleAsync(start.AddMinutes(3), int.MaxValue));
        Assert.True(await store.TryUpdateAsync(received with { ReceivedBytes = 1 << 20, Version = 2 }, CancellationToken.None));
        await store.DeleteAsync(session.Id, CancellationToken.None);
    }

    private static UploadSession NewSession(DateTimeOffset at) => new(
        $"{{{Guid.NewGuid().ToString().ToUpperInvariant()}}}", "/uploads", $"{Guid.NewGuid():N}.bin", null, null, 0,
        UploadSessionPhase.Receiving, at, at);

    // The client reconnects to the restarted silo in the background; calls fail until it has.
    private static async Task<T> ReconnectedAsync<T>(Func<Task<T>> call)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        var deadline = DateTimeOffset.UtcNow + s_reconnectDeadline;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is ConnectionFailedException or SiloUnavailableException && DateTimeOffset.UtcNow < deadline)
            {
                await timer.WaitForNextTickAsync();
            }
        }
    }
}
