using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Scheduling.Tests;

public abstract class SchedulerTestBase : IDisposable
{
    protected static readonly TimeSpan Slice = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Time { get; } = new();

    private TransferScheduler? _scheduler;

    protected TransferScheduler Scheduler => _scheduler ??= CreateScheduler(maxBackground: 2);

    protected TransferScheduler CreateScheduler(int maxBackground, int maxForeground = 8)
    {
        _scheduler?.Dispose();
        _scheduler = new TransferScheduler(
            Options.Create(new TransferSchedulerOptions
            {
                MaxConcurrentBackgroundJobs = maxBackground,
                MaxConcurrentForegroundJobs = maxForeground,
                TimeSlice = Slice,
            }),
            Time,
            NullLogger<TransferScheduler>.Instance);
        return _scheduler;
    }

    protected Task<ISchedulerLease> Acquire(Guid jobId, JobPriority priority, CancellationToken cancellationToken = default) =>
        Scheduler.AcquireAsync(jobId, priority, cancellationToken);

    protected static async Task<ISchedulerLease> Granted(Task<ISchedulerLease> acquire)
    {
        Assert.True(acquire.IsCompletedSuccessfully, "The acquire should have been granted by now.");
        return await acquire.WaitAsync(TimeSpan.FromSeconds(5));
    }

    protected static void AssertWaiting(Task<ISchedulerLease> acquire) =>
        Assert.False(acquire.IsCompleted, "The acquire should still be waiting.");

    public void Dispose()
    {
        _scheduler?.Dispose();
        GC.SuppressFinalize(this);
    }
}
