namespace Orleans.Transfer.Worker.Tests;

/// <summary>A PeriodicTimer-bounded poll for what another process makes true: no sleeps, no thresholds on the result.</summary>
internal static class Eventually
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds, running <paramref name="eachTick"/> between looks.</summary>
    public static async Task UntilAsync(Func<bool> condition, Func<string> what, Action? eachTick = null)
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        using var timer = new PeriodicTimer(s_interval);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Still waiting after {s_deadline}: {what()}");
            }

            eachTick?.Invoke();
            await timer.WaitForNextTickAsync(CancellationToken.None);
        }
    }
}
