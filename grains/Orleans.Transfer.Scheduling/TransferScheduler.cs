using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Scheduling;

/// <summary>
/// The per-silo <see cref="ITransferScheduler"/>: at most
/// <see cref="TransferSchedulerOptions.MaxConcurrentForegroundJobs"/> Foreground jobs, in arrival order, taking turns
/// every <see cref="TransferSchedulerOptions.TimeSlice"/> while more wait; at most
/// <see cref="TransferSchedulerOptions.MaxConcurrentBackgroundJobs"/> background jobs, highest priority first, FIFO by
/// request time within a priority; a waiting job pre-empts a running one of strictly lower priority; equal priorities
/// take turns every <see cref="TransferSchedulerOptions.TimeSlice"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe and non-blocking: every call only takes a short internal lock, granted tasks complete on the thread
/// pool, and a revoked token runs its callbacks on the thread pool.</para>
/// <para>A job holds at most one request or lease: <see cref="AcquireAsync"/> throws
/// <see cref="InvalidOperationException"/> while the job waits or holds a lease, revoked or not. A revoked lease keeps
/// its slot until disposed, so two jobs never share a slot; the job must dispose it before acquiring again, and then
/// queues behind the jobs of its priority that already wait (the round-robin).</para>
/// </remarks>
public sealed partial class TransferScheduler : ITransferScheduler, IDisposable
{
    // Guards the policy and _disposed; the policy itself is not thread-safe.
    private readonly Lock _gate = new();
    private readonly SlotPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>Creates a scheduler; the options are read once.</summary>
    public TransferScheduler(
        IOptions<TransferSchedulerOptions> options, TimeProvider timeProvider, ILogger<TransferScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _logger = logger;
        _policy = new SlotPolicy(this, options.Value, timeProvider, logger);
    }

    /// <inheritdoc />
    public Task<ISchedulerLease> AcquireAsync(Guid jobId, JobPriority priority, CancellationToken cancellationToken)
    {
        ThrowIfUndefined(priority);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ISchedulerLease>(cancellationToken);
        }

        var request = new ScheduleRequest(jobId, priority, _timeProvider.GetUtcNow());

        // Registered before taking the lock: a token cancelled meanwhile runs the callback inline, and it locks too.
        request.Registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (scheduler, withdrawn) = ((TransferScheduler, ScheduleRequest))state!;
                scheduler.Withdraw(withdrawn, token);
            },
            (this, request));
        lock (_gate)
        {
            if (_disposed || _policy.Holds(jobId))
            {
                request.Registration.Unregister();
                ObjectDisposedException.ThrowIf(_disposed, this);
                throw new InvalidOperationException(
                    $"Job {jobId} already waits for or holds a scheduler lease; dispose that lease before acquiring again.");
            }

            if (!request.Completion.Task.IsCompleted)
            {
                _policy.Enqueue(request);
            }
        }

        return request.Completion.Task;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A waiting job is re-ranked and keeps its request time. A running job that drops below a waiting job is pre-empted
    /// at once (the lowest-priority, latest-started running job is the one revoked); one that becomes Foreground stops
    /// counting against the background slots; one that changes class (into or out of Foreground) while every slot of
    /// its new class is held is revoked and queues again. A job the scheduler does not know is ignored: its next <see cref="AcquireAsync"/> carries the
    /// new priority.
    /// </remarks>
    public void ChangePriority(Guid jobId, JobPriority priority)
    {
        ThrowIfUndefined(priority);
        lock (_gate)
        {
            if (!_policy.TryChangePriority(jobId, priority))
            {
                return;
            }

            LogPriorityChanged(_logger, jobId, priority);
            _policy.Pump();
        }
    }

    /// <summary>The jobs running, yielding, then waiting (in grant order), for diagnostics.</summary>
    public IReadOnlyList<ScheduledJob> Snapshot()
    {
        lock (_gate)
        {
            return _policy.Snapshot();
        }
    }

    /// <summary>Stops the slice timers and fails waiting requests with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _policy.Close();
        }
    }

    internal void Release(SchedulerLease lease)
    {
        lock (_gate)
        {
            if (lease.IsReleased)
            {
                return;
            }

            _policy.Remove(lease);
            LogReleased(_logger, lease.JobId);
            if (!_disposed)
            {
                _policy.Pump();
            }
        }
    }

    internal void OnSliceEnded(SchedulerLease lease)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _policy.EndSlice(lease);
            }
        }
    }

    private void Withdraw(ScheduleRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Already granted: the lease stands, and the caller disposes it.
            if (request.Completion.Task.IsCompleted)
            {
                return;
            }

            if (_policy.TryWithdraw(request))
            {
                LogWithdrawn(_logger, request.JobId);
            }

            request.Completion.TrySetCanceled(cancellationToken);
        }
    }

    private static void ThrowIfUndefined(JobPriority priority)
    {
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown job priority.");
        }
    }
}
