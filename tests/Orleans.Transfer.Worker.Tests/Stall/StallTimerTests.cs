using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests.Stall;

/// <summary>
/// The stall timer cancels exactly one timeout after the last arm, never while disarmed, and moves its underlying timer
/// only when it fires, not at every arm (the read loops arm it at every read).
/// </summary>
public sealed class StallTimerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Armed_CancelsExactlyOneTimeoutAfterTheArm()
    {
        using var stall = new StallTimer(Timeout, _time, CancellationToken.None);

        stall.Arm();
        AssertCancelsOneTimeoutFromNow(stall);
    }

    [Fact]
    public void ArmedAgain_CountsFromTheLastArm()
    {
        using var stall = new StallTimer(Timeout, _time, CancellationToken.None);

        stall.Arm();
        _time.Advance(Timeout / 2);
        stall.Disarm();
        stall.Arm();
        AssertCancelsOneTimeoutFromNow(stall);
    }

    [Fact]
    public void Disarmed_NeverCancels_UntilArmedAgainForATimeout()
    {
        using var stall = new StallTimer(Timeout, _time, CancellationToken.None);

        stall.Arm();
        _time.Advance(Timeout / 2);
        stall.Disarm();
        _time.Advance(Timeout * 10);
        Assert.False(stall.Token.IsCancellationRequested);

        stall.Arm();
        AssertCancelsOneTimeoutFromNow(stall);
    }

    [Fact]
    public void ArmedAtEveryRead_MovesTheTimerOncePerTimeoutNotPerRead()
    {
        var counting = new CountingTimeProvider(_time);
        using var stall = new StallTimer(Timeout, counting, CancellationToken.None);

        // Two timeouts of reads every millisecond: 120,000 arms.
        for (var read = 0; read < 120_000; read++)
        {
            stall.Arm();
            _time.Advance(TimeSpan.FromMilliseconds(1));
            stall.Disarm();
        }

        Assert.False(stall.Token.IsCancellationRequested);
        Assert.InRange(counting.Changes, 1, 3);
    }

    [Fact]
    public void RunCancelled_CancelsTheToken()
    {
        using var run = new CancellationTokenSource();
        using var stall = new StallTimer(Timeout, _time, run.Token);
        stall.Arm();

        run.Cancel();

        Assert.True(stall.Token.IsCancellationRequested);
    }

    [Fact]
    public void Disposed_WhileArmed_FiresNothing()
    {
        var stall = new StallTimer(Timeout, _time, CancellationToken.None);
        stall.Arm();

        stall.Dispose();
        _time.Advance(Timeout * 2);

        stall.Dispose();
    }

    private void AssertCancelsOneTimeoutFromNow(StallTimer stall)
    {
        _time.Advance(Timeout - Tick);
        Assert.False(stall.Token.IsCancellationRequested);
        _time.Advance(Tick);
        Assert.True(stall.Token.IsCancellationRequested);
    }
}
