using Orleans.Transfer.Grains.Jobs;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The in-order completion window of the run loop, without a cluster.</summary>
public sealed class JobRunnerWindowTests
{
    [Fact]
    public void Finish_InOrder_ReleasesEachFileAtOnce()
    {
        var window = new JobRunnerWindow(3);
        window.Open(0);
        window.Open(1);

        Assert.Equal([0], window.Finish(0));
        Assert.Equal([1], window.Finish(1));
    }

    [Fact]
    public void Finish_LaterFilesFirst_HoldsThemUntilTheEarlierOneFinishes()
    {
        var window = new JobRunnerWindow(3);
        window.Open(0);
        window.Open(1);
        window.Open(2);

        Assert.Empty(window.Finish(2));
        Assert.Empty(window.Finish(1));
        Assert.Equal([0, 1, 2], window.Finish(0));
    }

    [Fact]
    public void Finish_StopsReleasingAtTheNextUnfinishedFile()
    {
        var window = new JobRunnerWindow(4);
        for (var i = 0; i < 4; i++)
        {
            window.Open(i);
        }

        Assert.Empty(window.Finish(1));
        Assert.Empty(window.Finish(3));
        Assert.Equal([0, 1], window.Finish(0));
        Assert.Equal([2, 3], window.Finish(2));
    }

    [Fact]
    public void HeldFile_KeepsItsSlotAfterItsRunEnded_UntilReleased()
    {
        var window = new JobRunnerWindow(2);
        window.Open(0);
        window.Open(1);
        window.Finish(1);
        Assert.True(window.End(1));
        Assert.False(window.HasRoom);

        window.Finish(0);
        Assert.True(window.HasRoom);
        Assert.False(window.Contains(1));
        Assert.True(window.Contains(0));
    }

    [Fact]
    public void ReleasedFile_KeepsItsSlotUntilItsRunEnded()
    {
        // With one slot this is the strict loop: the next file starts only after the worker let go of the last one.
        var window = new JobRunnerWindow(1);
        window.Open(0);
        Assert.Equal([0], window.Finish(0));
        Assert.False(window.HasRoom);

        Assert.True(window.End(0));
        Assert.True(window.HasRoom);
        Assert.False(window.Contains(0));
    }

    [Fact]
    public void RunEndedWithoutFinishing_KeepsItsSlotAndHoldsLaterFiles()
    {
        var window = new JobRunnerWindow(2);
        window.Open(0);
        window.Open(1);

        Assert.False(window.End(0));
        Assert.True(window.Contains(0));
        Assert.Empty(window.Finish(1));
        Assert.Equal([0, 1], window.Finish(0));
    }

    [Fact]
    public void Open_KeepsIndexOrder_AndRefusesAFullWindowOrAnOpenFile()
    {
        var window = new JobRunnerWindow(2);
        window.Open(5);
        window.Open(3);

        Assert.Empty(window.Finish(5));
        Assert.Equal([3, 5], window.Finish(3));
        window.End(3);
        window.End(5);
        window.Open(6);
        Assert.Throws<InvalidOperationException>(() => window.Open(6));
        window.Open(7);
        Assert.Throws<InvalidOperationException>(() => window.Open(8));
        Assert.Throws<InvalidOperationException>(() => window.Finish(9));
    }
}
