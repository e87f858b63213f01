using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;

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

        Assert.Equal(expected, JobSettling.IsSettled(state, completesItself: false, ServiceCompletion.None));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void WithTheProperty_OnlyTransferredWaitsForTheService(JobState state)
    {
        // IsDue holds only in Transferred; in any other state the property changes nothing.
        var completesItself = state == JobState.Transferred;

        Assert.Equal(
            state is JobState.Error or JobState.Acknowledged or JobState.Cancelled,
            JobSettling.IsSettled(state, completesItself, ServiceCompletion.None));
    }

    [Fact]
    public void Transferred_IsNotSettled_WhileTheServiceCompletesIt()
    {
        Assert.False(JobSettling.IsSettled(JobState.Transferred, completesItself: true, ServiceCompletion.Running));
    }

    [Fact]
    public void Transferred_IsSettled_OnceTheServicesCompletionFailed()
    {
        Assert.True(JobSettling.IsSettled(JobState.Transferred, completesItself: true, ServiceCompletion.Failed));
    }

    [Fact]
    public void Acknowledged_IsSettled_OnlyOnceTheCompletionHasEnded()
    {
        // The state is Acknowledged while its write is under way: "settled" must mean the outcome is stored.
        Assert.False(JobSettling.IsSettled(JobState.Acknowledged, completesItself: false, ServiceCompletion.Running));
        Assert.True(JobSettling.IsSettled(JobState.Acknowledged, completesItself: false, ServiceCompletion.None));
    }

    [Fact]
    public void FailedCompletion_IsNotDue_SoANewActivationFindsTheJobSettled()
    {
        var job = new TransferJobState { Exists = true, Owner = "tester", State = JobState.Transferred, CompleteWhenTransferred = true };
        Assert.True(JobCompletion.IsDue(job));

        job.CompletionFailed = true;

        Assert.False(JobCompletion.IsDue(job));
        Assert.True(JobSettling.IsSettled(job.State, JobCompletion.IsDue(job), ServiceCompletion.None));
    }

    [Theory]
    [InlineData(JobState.Acknowledged)]
    [InlineData(JobState.Cancelled)]
    [InlineData(JobState.Error)]
    public void EndsOfTheOwnersWait_AreSettled_AfterAFailedCompletion(JobState state)
    {
        Assert.True(JobSettling.IsSettled(state, completesItself: false, ServiceCompletion.Failed));
    }
}
