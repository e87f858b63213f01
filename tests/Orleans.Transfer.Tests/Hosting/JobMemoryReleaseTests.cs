using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Grains.Hosting;

namespace Orleans.Transfer.Tests.Hosting;

public sealed class JobMemoryReleaseTests
{
    private static JobMemoryRelease Release(int activated, int deactivated)
    {
        var release = new JobMemoryRelease(new FakeTimeProvider(), NullLogger<JobMemoryRelease>.Instance);
        for (var i = 0; i < activated; i++)
        {
            release.Activated();
        }

        for (var i = 0; i < deactivated; i++)
        {
            release.Deactivated();
        }

        return release;
    }

    [Theory]
    [InlineData(999, 999, false)]
    [InlineData(1_000, 1_000, true)]
    [InlineData(2_000, 1_000, true)]
    [InlineData(2_001, 1_000, false)]
    [InlineData(100_000, 99_990, true)]
    public void IsDue_WhenAtLeastAThousandWereCollected_AndNoFewerThanRemain(int activated, int deactivated, bool due)
    {
        var release = Release(activated, deactivated);

        Assert.Equal(due, release.IsDue);
        Assert.Equal(activated - deactivated, release.Active);
    }

    [Fact]
    public void ReleaseIfDue_CollectsOnce_ThenCountsAfresh()
    {
        var release = Release(5_000, 5_000);

        Assert.True(release.ReleaseIfDue());

        Assert.Equal(0, release.Released);
        Assert.False(release.ReleaseIfDue());
        Assert.Equal(0, release.Active);
    }
}
