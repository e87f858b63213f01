using Orleans.Transfer.Grains.Jobs;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The one rule for settled (JobEvent.Settled), state by state, with and without the service's own completion.</summary>
public sealed class JobSettlingTests
{
    public static TheoryData<JobState> AllStates => [.. Enum.GetValues<JobState>()];

    [Theory]
    [MemberData(nameof(AllStates))]
    public void WithoutTheProperty_TheStateAloneDecides(JobState state)
    {
        var expected = state is JobState.Error or JobState.Transferred or JobState.Acknowledged or JobState.Cancelled;

        Assert.Equal(expected, JobSettling.IsSettled(state, completesItself: false, completing: false, completionFailed: false));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void WithTheProperty_OnlyTransferredWaitsForTheService(JobState state)
    {
        // IsDue holds only in Transferred; in any other state the property changes nothing.
        var completesItself = state == JobState.Transferred;

        Assert.Equal(
            state is JobState.Error or JobState.Acknowledged or JobState.Cancelled,
            JobSettling.IsSettled(state, completesItself, completing: false, completionFailed: false));
    }

    [Fact]
    public void Transferred_IsNotSettled_WhileTheServiceCompletesIt()
    {
        Assert.False(JobSettling.IsSettled(JobState.Transferred, completesItself: true, completing: true, completionFailed: false));

        // A completion under way decides even when the last one failed: the outcome is not known yet.
        Assert.False(JobSettling.IsSettled(JobState.Transferred, completesItself: true, completing: true, completionFailed: true));
    }

    [Fact]
    public void Transferred_IsSettled_OnceTheServicesCompletionFailed()
    {
        Assert.True(JobSettling.IsSettled(JobState.Transferred, completesItself: true, completing: false, completionFailed: true));
    }

    [Fact]
    public void Acknowledged_IsSettled_OnlyOnceTheCompletionHasEnded()
    {
        // The state is Acknowledged while its write is under way: "settled" must mean the outcome is stored.
        Assert.False(JobSettling.IsSettled(JobState.Acknowledged, completesItself: false, completing: true, completionFailed: false));
        Assert.True(JobSettling.IsSettled(JobState.Acknowledged, completesItself: false, completing: false, completionFailed: false));
    }

    [Theory]
    [InlineData(JobState.Acknowledged)]
    [InlineData(JobState.Cancelled)]
    [InlineData(JobState.Error)]
    public void EndsOfTheOwnersWait_AreSettled_AfterAFailedCompletion(JobState state)
    {
        Assert.True(JobSettling.IsSettled(state, completesItself: false, completing: false, completionFailed: true));
    }
}
