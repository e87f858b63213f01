using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// Durable writes of one job: chained so they never overlap, progress at a bounded cadence, the catalog row kept in
/// step, and whether the job needs its wake-up reminder. The grain passes its <c>WriteStateAsync</c>. A plain-text
/// webhook secret is encrypted before each write (<see cref="JobSecrets"/>), so none reaches storage.
/// </summary>
internal sealed partial class JobPersistence(
    Guid jobId,
    Func<TransferJobState> job,
    Func<Task> writeState,
    JobSecrets secrets,
    JobProjector projector,
    IJobCatalog catalog,
    TimeSpan progressWriteInterval,
    TimeProvider timeProvider,
    ILogger logger)
{

    // The run loop and caller operations interleave at awaits; storage writes must not overlap (ETag conflicts). All of
    // this runs on the grain's single-threaded scheduler, so chaining each write after the previous one is enough.
    private Task _lastWrite = Task.CompletedTask;
    private DateTimeOffset _lastWriteAt;
    private JobState? _catalogState;
    private DateTimeOffset _catalogWrittenAt;

    private TransferJobState Job => job();

    /// <summary>
    /// Progress-only writes between two checkpoints can wait; a job that goes idle writes what it has. A job read from
    /// storage was last written at its Modified time, so a new activation of a job just written (one a batch created)
    /// does not write its first progress at once.
    /// </summary>
    public bool ProgressWriteDue =>
        timeProvider.GetUtcNow() - (_lastWriteAt > Job.Modified ? _lastWriteAt : Job.Modified) >= progressWriteInterval;

    public static bool IsRunnable(JobState state) => state is JobState.Queued or JobState.Connecting or JobState.Transferring;

    /// <summary>
    /// Queued, Connecting and Transferring differ only while the job runs: after a restart it is queued again whichever
    /// it was, so moves among them need no write unless they queued a notification.
    /// </summary>
    public static bool NeedsWrite(JobState from, JobState to, bool outboxGrew) => outboxGrew || !(IsRunnable(from) && IsRunnable(to));

    /// <summary>Active jobs and jobs with undelivered notifications must come back by themselves after a restart.</summary>
    public static bool NeedsWakeUp(TransferJobState job) => job.Exists && (job.State.IsActive() || job.Outbox.Count > 0);

    /// <summary>A member of the catalog row other than state and progress changed (owner, name, priority): the next upsert writes it.</summary>
    public void CatalogRowChanged() => _catalogState = null;

    /// <summary>
    /// Writes the state and, when due, the catalog row, in one transaction; <paramref name="releaseDestinations"/> (a job
    /// that just ended) releases its destination claims in it too. The row can no longer lag behind the state after a crash.
    /// </summary>
    public Task PersistAsync(bool releaseDestinations = false) => WriteAsync(reservation: null, withRow: true, releaseDestinations);

    /// <summary>
    /// Returns once no write is under way. A state change is made in memory before its write, and a crash before the
    /// write returns takes it back: what callers read waits for this, so they are told only what is stored (but for a
    /// change whose write its caller defers, <see cref="JobTransitions.ChangeStateAsync(JobState, bool)"/>).
    /// </summary>
    public async Task WhenWrittenAsync()
    {
        while (!_lastWrite.IsCompleted)
        {
            await _lastWrite;
        }
    }

    /// <summary>Writes the state only, after any write still under way.</summary>
    public Task WriteStateAsync() => WriteAsync(reservation: null, withRow: false, releaseDestinations: false);

    /// <summary>
    /// A new job's one write: its state, its catalog row counted against the owner's and the service's limits, and its
    /// destination claims (<paramref name="claims"/>), in one transaction, all or none. A refusal wrote nothing.
    /// </summary>
    public async Task<JobReservation> CreateAsync(int ownerLimit, int serviceLimit, IReadOnlyList<string> claims)
    {
        JobRowReservation? reservation = null;
        await WriteAsync(() => reservation = new JobRowReservation(projector.ToCatalogEntry(), ownerLimit, serviceLimit, claims), withRow: false, releaseDestinations: false);
        var outcome = reservation!.Outcome ?? throw new InvalidOperationException($"Job {jobId}: the storage did not make the create's reservation.");
        if (outcome.Outcome == JobReservationOutcome.Reserved)
        {
            _catalogState = Job.State;
            _catalogWrittenAt = Job.Modified;
        }

        return outcome;
    }

    private async Task WriteAsync(Func<JobRowReservation>? reservation, bool withRow, bool releaseDestinations)
    {
        var previous = _lastWrite;
        var done = new TaskCompletionSource();
        _lastWrite = done.Task;
        try
        {
            await previous;
            Job.Modified = timeProvider.GetUtcNow();
            secrets.ProtectPlaintext();

            // The row is made from the state as it is written, so both carry the same times.
            Job.PendingReservation = reservation?.Invoke();
            var row = withRow && (releaseDestinations || CatalogDue) ? new CatalogRowWrite(projector.ToCatalogEntry(), releaseDestinations) : null;
            Job.PendingCatalogRow = row;
            try
            {
                await writeState();
            }
            finally
            {
                Job.PendingReservation = null;
                Job.PendingCatalogRow = null;
            }

            _lastWriteAt = Job.Modified;
            if (row is not null)
            {
                _catalogState = row.Entry.State;
                _catalogWrittenAt = Job.Modified;
            }
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>Writes the catalog row when the state changed since the last one, or progress is due.</summary>
    public async Task UpsertCatalogIfDueAsync()
    {
        if (CatalogDue)
        {
            await WriteCatalogRowAsync(catalog.UpsertAsync);
        }
    }

    private bool CatalogDue => _catalogState != Job.State || timeProvider.GetUtcNow() - _catalogWrittenAt >= progressWriteInterval;

    /// <summary>
    /// Writes the row of a job whose state is written, which ends a reservation an earlier version's create left (its
    /// reservation, state write and confirmation were three transactions). A failure leaves the reservation to the sweep,
    /// which asks this job and so calls this again.
    /// </summary>
    public Task ConfirmCatalogRowAsync() => WriteCatalogRowAsync(catalog.ConfirmAsync);

    private async Task WriteCatalogRowAsync(Func<JobCatalogEntry, CancellationToken, Task> write)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            await write(projector.ToCatalogEntry(), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain state is already durable; the row is rewritten on the next change or activation.
            LogCatalogWriteFailed(logger, e, jobId);
        }

        _catalogState = Job.State;
        _catalogWrittenAt = now;
    }

    /// <summary>Claims the job's destinations all or none; returns the first path another job holds, or null.</summary>
    public Task<string?> TryClaimDestinationsAsync(IReadOnlyList<string> paths) => catalog.TryClaimDestinationsAsync(jobId, paths);

    public Task ReleaseDestinationsAsync() => catalog.ReleaseDestinationsAsync(jobId);

    /// <summary>
    /// Removes the job's catalog row, its reservation and its destination claims: for a job being removed for good, or
    /// one whose create did not write it.
    /// </summary>
    public Task DeleteCatalogRowAsync() => catalog.DeleteAsync(jobId);
}
