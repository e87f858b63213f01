using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created, fired and disposed, so a test can advance time and
/// then wait, without any clock, until an awaited delay's continuation has either finished or set its next timer, or
/// see that nothing holds a timer.
/// </summary>
internal sealed class CountingTimeProvider : FakeTimeProvider
{
    private int _created;
    private int _fired;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Fired => Volatile.Read(ref _fired);

    /// <summary>Timers created and not yet disposed.</summary>
    public int Live => Created - Volatile.Read(ref _disposed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return new DisposeCountingTimer(
            base.CreateTimer(
                s =>
                {
                    Interlocked.Increment(ref _fired);
                    callback(s);
                },
                state,
                dueTime,
                period),
            this);
    }

    /// <summary>Advances in <paramref name="step"/>s until <paramref name="task"/> completes, then returns its result.</summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            var created = Created;
            var fired = Fired;
            Advance(step);
            if (Fired != fired)
            {
                // The delay's continuation runs on the thread pool: it ends the task or waits again on a new timer.
                SpinWait.SpinUntil(() => task.IsCompleted || Created != created);
            }
        }

        return await task;
    }

    private sealed class DisposeCountingTimer(ITimer inner, CountingTimeProvider owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            Count();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Count();
            return inner.DisposeAsync();
        }

        private void Count()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Increment(ref owner._disposed);
            }
        }
    }
}
