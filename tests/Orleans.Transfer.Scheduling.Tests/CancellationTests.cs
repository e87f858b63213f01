namespace Orleans.Transfer.Scheduling.Tests;

public sealed class CancellationTests : SchedulerTestBase
{
    [Fact]
    public async Task AcquireAsync_WaitingRequestCancelled_IsWithdrawn()
    {
        CreateScheduler(maxBackground: 1);
        var holder = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        using var cancellation = new CancellationTokenSource();
        var cancelled = Acquire(Guid.NewGuid(), JobPriority.High, cancellation.Token);
        var next = Acquire(Guid.NewGuid(), JobPriority.Normal);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(cancelled.IsCanceled);
        Assert.DoesNotContain(Scheduler.Snapshot(), j => j.State == ScheduledJobState.Waiting && j.Priority == JobPriority.High);
        holder.Dispose();
        await Granted(next);
    }

    [Fact]
    public async Task AcquireAsync_TokenAlreadyCancelled_ReturnsCancelledTask()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var acquire = Acquire(Guid.NewGuid(), JobPriority.Foreground, cancellation.Token);

        Assert.True(acquire.IsCanceled);
        Assert.Empty(Scheduler.Snapshot());
    }

    [Fact]
    public async Task AcquireAsync_CancelledAfterGrant_KeepsTheLease()
    {
        using var cancellation = new CancellationTokenSource();
        var jobId = Guid.NewGuid();
        var lease = await Granted(Acquire(jobId, JobPriority.Normal, cancellation.Token));

        await cancellation.CancelAsync();

        Assert.False(lease.Revoked.IsCancellationRequested);
        Assert.Contains(Scheduler.Snapshot(), j => j.JobId == jobId && j.State == ScheduledJobState.Running);
    }

    [Fact]
    public async Task AcquireAsync_WithdrawnJob_CanAcquireAgain()
    {
        CreateScheduler(maxBackground: 1);
        var holder = await Granted(Acquire(Guid.NewGuid(), JobPriority.Normal));
        using var cancellation = new CancellationTokenSource();
        var jobId = Guid.NewGuid();
        var first = Acquire(jobId, JobPriority.Normal, cancellation.Token);
        await cancellation.CancelAsync();
        Assert.True(first.IsCanceled);

        var again = Acquire(jobId, JobPriority.Normal);

        holder.Dispose();
        await Granted(again);
    }
}
