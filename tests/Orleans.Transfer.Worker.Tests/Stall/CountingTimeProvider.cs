using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Stall;

/// <summary>A <see cref="FakeTimeProvider"/> that counts how often its timers are moved.</summary>
internal sealed class CountingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private int _changes;

    public int Changes => Volatile.Read(ref _changes);

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override long GetTimestamp() => fake.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new CountingTimer(fake.CreateTimer(callback, state, dueTime, period), this);

    private sealed class CountingTimer(ITimer inner, CountingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref owner._changes);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
