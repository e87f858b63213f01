namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The per-job cap on connections to one server, driven by fake connections that record how many each server has at
/// once: never above the cap, a cap per server, segments' extra slots, redirects and cancellation.
/// </summary>
public sealed class ServerConnectionCapTests
{
    private static readonly Uri s_a = new("http://a.example/f");
    private static readonly Uri s_b = new("http://b.example/f");

    [Theory]
    [InlineData("http://h/x", "http://h:80/y", true)]
    [InlineData("http://h/x", "https://h/x", false)]
    [InlineData("http://h:8080/x", "http://h:8081/x", false)]
    [InlineData("http://H/x", "http://h/y?q", true)]
    [InlineData("http://user:secret@h/x", "http://h/x", true)]
    public void ServerOf_IsSchemeHostAndPort(string first, string second, bool same) =>
        Assert.Equal(same, ServerConnectionCap.ServerOf(new Uri(first)) == ServerConnectionCap.ServerOf(new Uri(second)));

    [Fact]
    public async Task ManyConnections_NeverAboveTheCapPerServer_TwoServersEachGetTheirOwn()
    {
        var cap = new ServerConnectionCap(3);
        var recorder = new ConcurrencyRecorder();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = Enumerable.Range(0, 20)
            .Select(i => recorder.ConnectAsync(cap, i % 2 == 0 ? s_a : s_b, release.Task, CancellationToken.None))
            .ToList();

        // Three of each server hold a slot; the other fourteen wait for one.
        Assert.All(connections, c => Assert.False(c.IsCompleted));
        Assert.Equal(3, recorder.Now(s_a));
        Assert.Equal(3, recorder.Now(s_b));

        release.SetResult();
        await Task.WhenAll(connections);

        Assert.Equal(3, recorder.Peak(s_a));
        Assert.Equal(3, recorder.Peak(s_b));
        Assert.Equal(20, recorder.Total);
    }

    [Fact]
    public async Task HoldAsync_AtTheCap_WaitsUntilAHolderGivesItsSlotBack()
    {
        var cap = new ServerConnectionCap(1);
        using var first = new ServerConnectionSlots(cap);
        using var second = new ServerConnectionSlots(cap);
        await first.HoldAsync(s_a, CancellationToken.None);

        var waiting = second.HoldAsync(s_a, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        first.Dispose();
        await waiting;
        Assert.Equal(1, second.Count);
        Assert.Equal(0, first.Count);
    }

    [Fact]
    public async Task HoldAsync_Cancelled_TakesNoSlot_AndADisposedHolderGivesItsSlotsBack()
    {
        var cap = new ServerConnectionCap(1);
        var holder = new ServerConnectionSlots(cap);
        await holder.HoldAsync(s_a, CancellationToken.None);
        using var cancelled = new ServerConnectionSlots(cap);
        using var stop = new CancellationTokenSource();

        var waiting = cancelled.HoldAsync(s_a, stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, cancelled.Count);
        holder.Dispose();
        using var next = new ServerConnectionSlots(cap);
        Assert.True(next.HoldAsync(s_a, CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task TryAddMore_TakesOnlyTheSlotsFreeNow_AndCountsThemAgainstTheCap()
    {
        var cap = new ServerConnectionCap(4);
        using var other = new ServerConnectionSlots(cap);
        await other.HoldAsync(s_a, CancellationToken.None);
        using var segmented = new ServerConnectionSlots(cap);
        await segmented.HoldAsync(s_a, CancellationToken.None);

        Assert.Equal(2, segmented.TryAddMore(3));
        Assert.Equal(3, segmented.Count);
        using var late = new ServerConnectionSlots(cap);
        var lateHold = late.HoldAsync(s_a, CancellationToken.None).AsTask();
        Assert.False(lateHold.IsCompleted);

        segmented.Release();
        await lateHold;
        Assert.Equal(1, late.Count);
        Assert.Equal(0, segmented.Count);
    }

    [Fact]
    public async Task HoldAsync_AnotherServer_GivesTheFirstServersSlotsBackBeforeWaiting()
    {
        var cap = new ServerConnectionCap(1);
        using var blocker = new ServerConnectionSlots(cap);
        await blocker.HoldAsync(s_b, CancellationToken.None);
        using var redirected = new ServerConnectionSlots(cap);
        await redirected.HoldAsync(s_a, CancellationToken.None);

        // A redirect from a to b: the slot of a is free while the request waits for b's.
        var waiting = redirected.HoldAsync(s_b, CancellationToken.None).AsTask();
        using var onA = new ServerConnectionSlots(cap);
        Assert.True(onA.HoldAsync(s_a, CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.False(waiting.IsCompleted);

        blocker.Release();
        await waiting;
        Assert.True(redirected.Holds(s_b));
        Assert.False(redirected.Holds(s_a));
    }
}
