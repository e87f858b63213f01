using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Transfer.Storage.Reminders;

namespace Orleans.Transfer.Storage.Tests;

public sealed class ReminderTableTests
{
    private static readonly DateTime s_start = new(2025, 3, 1, 8, 30, 0, 250, DateTimeKind.Utc);

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task UpsertRow_ThenRead_RoundTripsAndBumpsETag(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var table = await CreateTableAsync(db);
        var grain = GrainId.Create("job", Guid.NewGuid().ToString("N"));

        var firstETag = await table.UpsertRow(Reminder(grain, "resume", TimeSpan.FromMinutes(1)));
        var secondETag = await table.UpsertRow(Reminder(grain, "resume", TimeSpan.FromMinutes(5)));
        await table.UpsertRow(Reminder(grain, "other", TimeSpan.FromHours(1)));

        Assert.NotEqual(firstETag, secondETag);
        var row = await table.ReadRow(grain, "resume");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(s_start, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(secondETag, row.ETag);
        Assert.Equal(["other", "resume"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());
        Assert.Null(await table.ReadRow(grain, "missing"));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task RemoveRow_ChecksETag(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var table = await CreateTableAsync(db);
        var grain = GrainId.Create("job", Guid.NewGuid().ToString("N"));
        var staleETag = await table.UpsertRow(Reminder(grain, "resume", TimeSpan.FromMinutes(1)));
        var currentETag = await table.UpsertRow(Reminder(grain, "resume", TimeSpan.FromMinutes(2)));

        Assert.False(await table.RemoveRow(grain, "resume", staleETag!));
        Assert.False(await table.RemoveRow(grain, "resume", "not-an-etag"));
        Assert.True(await table.RemoveRow(grain, "resume", currentETag!));
        Assert.False(await table.RemoveRow(grain, "resume", currentETag!));
        Assert.Null(await table.ReadRow(grain, "resume"));
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task ReadRows_HashRange_HonoursBoundsAndWrapAround(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var table = await CreateTableAsync(db);
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("job", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var begin = hashes[10];
        var end = hashes[30];

        // (begin, end]: excludes begin, includes end.
        var inside = await table.ReadRows(begin, end);
        Assert.Equal(hashes[11..31], inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());

        // begin >= end wraps around the ring: (end, max] and [0, begin].
        var wrapped = await table.ReadRows(end, begin);
        Assert.Equal([.. hashes[..11], .. hashes[31..]], wrapped.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());

        // begin == end is the whole ring.
        Assert.Equal(grains.Count, (await table.ReadRows(begin, begin)).Reminders.Count);
    }

    [Theory]
    [InlineData(StorageProfile.Sqlite)]
    [PostgresData]
    public async Task Rows_AreScopedByServiceId(StorageProfile profile)
    {
        await using var db = await TestDatabase.CreateAsync(profile);
        var ours = await CreateTableAsync(db);
        var theirs = new TransferReminderTable(db.Database, Options.Create(new ClusterOptions { ServiceId = "someone-else" }));
        var grain = GrainId.Create("job", "shared");
        await theirs.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));

        Assert.Empty((await ours.ReadRows(grain)).Reminders);
        await ours.TestOnlyClearTable();
        Assert.Single((await theirs.ReadRows(grain)).Reminders);
    }

    private static async Task<TransferReminderTable> CreateTableAsync(TestDatabase db)
    {
        await db.CreateBootstrapper().EnsureSchemaAsync();
        return new TransferReminderTable(db.Database, Options.Create(new ClusterOptions { ServiceId = StorageNames.ServiceId }));
    }

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = s_start, Period = period };
}
