using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created and fired, so a test can advance time and then
/// wait, without any clock, until an awaited delay's continuation has either finished or set its next timer.
/// </summary>
internal sealed class CountingTimeProvider : FakeTimeProvider
{
    private int _created;
    private int _fired;

    public int Created => Volatile.Read(ref _created);

    public int Fired => Volatile.Read(ref _fired);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state,
            dueTime,
            period);
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
}
