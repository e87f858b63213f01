using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Tests.Costs;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>Write chaining, progress cadence, the catalog row's cadence and the wake-up rule, without a cluster.</summary>
public sealed class JobPersistenceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TransferJobState _job = new() { Exists = true, State = JobState.Transferring };
    private static readonly TimeSpan s_progressWriteInterval = new TransferJobOptions().ProgressWriteInterval;
    private readonly RecordingCatalog _catalog = new();
    private readonly List<DateTimeOffset> _writes = [];
    private readonly List<CatalogRowWrite> _rows = [];
    private Func<Task> _write;

    public JobPersistenceTests() => _write = () =>
    {
        _writes.Add(_job.Modified);
        if (_job.PendingCatalogRow is { } row)
        {
            _rows.Add(row);
        }

        return Task.CompletedTask;
    };

    private JobPersistence Create() =>
        new(Guid.NewGuid(), () => _job, () => _write(), TestSecrets.For(_job), new JobProjector(Guid.NewGuid(), () => _job, new FixedLiveProgress(), TestCosts.For(() => _job), "127.0.0.1:11111@1"), _catalog, s_progressWriteInterval, _clock, NullLogger.Instance);

    [Fact]
    public async Task Persist_CarriesTheCatalogRowInTheStateWrite_OnlyOnStateChangeOrAfterTheInterval()
    {
        var persistence = Create();
        await persistence.PersistAsync();
        Assert.Equal([_clock.GetUtcNow()], _writes);
        Assert.Equal(_clock.GetUtcNow(), Assert.Single(_rows).Entry.Modified);
        Assert.Empty(_catalog.Upserts);
        Assert.Null(_job.PendingCatalogRow);
        Assert.False(persistence.ProgressWriteDue);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await persistence.PersistAsync();
        Assert.Equal(2, _writes.Count);
        Assert.Single(_rows);

        _job.State = JobState.TransientError;
        await persistence.PersistAsync();
        Assert.Equal(JobState.TransientError, _rows[^1].Entry.State);

        _clock.Advance(s_progressWriteInterval);
        Assert.True(persistence.ProgressWriteDue);
        await persistence.PersistAsync();
        Assert.Equal(3, _rows.Count);
        Assert.All(_rows, r => Assert.False(r.ReleaseDestinations));

        // The row went with the state: there is nothing left for a separate upsert to write.
        await persistence.UpsertCatalogIfDueAsync();
        Assert.Empty(_catalog.Upserts);
        Assert.Empty(_catalog.Claims);
    }

    [Fact]
    public async Task Persist_OfAFinalState_ReleasesTheClaimsInTheSameWrite_EvenWhenTheRowIsNotDue()
    {
        var persistence = Create();
        await persistence.PersistAsync();
        _job.State = JobState.Acknowledged;
        await persistence.PersistAsync(releaseDestinations: true);
        await persistence.PersistAsync(releaseDestinations: true);

        Assert.Equal(3, _writes.Count);
        Assert.Equal([false, true, true], _rows.Select(r => r.ReleaseDestinations));
        Assert.Equal(JobState.Acknowledged, _rows[^1].Entry.State);
    }

    [Fact]
    public async Task WriteState_CarriesNoRow_AndAFailedWriteLeavesTheRowDue()
    {
        var persistence = Create();
        await persistence.WriteStateAsync();
        Assert.Single(_writes);
        Assert.Empty(_rows);

        _write = () => Task.FromException(new InvalidOperationException("storage down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => persistence.PersistAsync());
        Assert.Null(_job.PendingCatalogRow);

        _write = () =>
        {
            _rows.Add(_job.PendingCatalogRow!);
            return Task.CompletedTask;
        };
        await persistence.PersistAsync();
        Assert.Single(_rows);
    }

    [Fact]
    public async Task Persist_ChainsWrites_NeverTwoAtOnce()
    {
        var release = new TaskCompletionSource();
        var inFlight = 0;
        var most = 0;
        _write = async () =>
        {
            most = Math.Max(most, ++inFlight);
            await release.Task;
            inFlight--;
        };
        var persistence = Create();
        var first = persistence.PersistAsync();
        var second = persistence.PersistAsync();
        Assert.False(second.IsCompleted);

        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(1, most);
    }

    [Theory]
    [InlineData(JobState.Queued, JobState.Connecting, false, false)]
    [InlineData(JobState.Connecting, JobState.Transferring, false, false)]
    [InlineData(JobState.Transferring, JobState.Queued, false, false)]
    [InlineData(JobState.Connecting, JobState.Transferring, true, true)]
    [InlineData(JobState.Transferring, JobState.Transferred, false, true)]
    [InlineData(JobState.Suspended, JobState.Queued, false, true)]
    public void NeedsWrite_SkipsMovesAmongRunnableStates(JobState from, JobState to, bool outboxGrew, bool expected) =>
        Assert.Equal(expected, JobPersistence.NeedsWrite(from, to, outboxGrew));

    [Theory]
    [InlineData(JobState.Queued, 0, true)]
    [InlineData(JobState.TransientError, 0, true)]
    [InlineData(JobState.Suspended, 0, false)]
    [InlineData(JobState.Transferred, 0, false)]
    [InlineData(JobState.Acknowledged, 1, true)]
    public void NeedsWakeUp_ActiveJobsAndUndeliveredNotifications(JobState state, int outbox, bool expected)
    {
        _job.State = state;
        _job.Outbox.AddRange(Enumerable.Range(0, outbox).Select(_ => new PendingNotification()));
        Assert.Equal(expected, JobPersistence.NeedsWakeUp(_job));
    }

    [Fact]
    public async Task Create_IsOneWriteCarryingItsReservation_AndLeavesNoRowToWriteAfter()
    {
        JobRowReservation? seen = null;
        _write = () =>
        {
            seen = _job.PendingReservation;
            seen!.Outcome = JobReservation.Reserved;
            _writes.Add(_job.Modified);
            return Task.CompletedTask;
        };
        var persistence = Create();
        _clock.Advance(TimeSpan.FromSeconds(5));

        var outcome = await persistence.CreateAsync(10, 100, ["/data/a"]);

        Assert.Equal(JobReservation.Reserved, outcome);
        Assert.Equal([_clock.GetUtcNow()], _writes);
        Assert.Equal((10, 100, _clock.GetUtcNow(), JobState.Transferring), (seen!.OwnerLimit, seen.ServiceLimit, seen.Entry.Modified, seen.Entry.State));
        Assert.Equal(["/data/a"], seen.Destinations);
        Assert.Null(_job.PendingReservation);
        await persistence.UpsertCatalogIfDueAsync();
        Assert.Empty(_catalog.Upserts);
    }

    [Fact]
    public async Task Create_Refused_SaysWhy_AndTheNextWriteIsAnOrdinaryOne()
    {
        _write = () =>
        {
            _job.PendingReservation!.Outcome = new JobReservation(JobReservationOutcome.OwnerLimitReached, 10);
            return Task.CompletedTask;
        };
        var persistence = Create();

        var outcome = await persistence.CreateAsync(10, 100, []);

        Assert.Equal(new JobReservation(JobReservationOutcome.OwnerLimitReached, 10), outcome);
        Assert.Null(_job.PendingReservation);
        var reserving = true;
        _write = () =>
        {
            reserving = _job.PendingReservation is not null;
            return Task.CompletedTask;
        };
        await persistence.WriteStateAsync();
        Assert.False(reserving);
    }
}
