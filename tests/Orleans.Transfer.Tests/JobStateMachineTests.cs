using Orleans.Transfer.Grains;

namespace Orleans.Transfer.Tests;

public sealed class JobStateMachineTests
{
    public static TheoryData<JobState> AllStates() => new(Enum.GetValues<JobState>());

    public static TheoryData<JobState> NonFinalStates() =>
        new(Enum.GetValues<JobState>().Where(s => !s.IsFinal()));

    public static TheoryData<JobState> FinalStates() => new(JobState.Acknowledged, JobState.Cancelled);

    [Theory]
    [InlineData(JobState.Suspended, JobState.Queued)]
    [InlineData(JobState.Error, JobState.Queued)]
    [InlineData(JobState.TransientError, JobState.Queued)]
    [InlineData(JobState.Queued, JobState.Queued)]
    [InlineData(JobState.Connecting, JobState.Connecting)]
    [InlineData(JobState.Transferring, JobState.Transferring)]
    public void Resume_WithFiles_MovesToExpectedState(JobState from, JobState expected) =>
        Assert.Equal(expected, JobStateMachine.Resume(from, fileCount: 1, allFilesTransferred: false));

    [Fact]
    public void Resume_TransferredWithNewFiles_Requeues() =>
        Assert.Equal(JobState.Queued, JobStateMachine.Resume(JobState.Transferred, fileCount: 2, allFilesTransferred: false));

    [Fact]
    public void Resume_TransferredWithNothingLeft_StaysTransferred() =>
        Assert.Equal(JobState.Transferred, JobStateMachine.Resume(JobState.Transferred, fileCount: 2, allFilesTransferred: true));

    [Theory]
    [MemberData(nameof(NonFinalStates))]
    public void Resume_NoFiles_FailsWithEmpty(JobState from)
    {
        var error = Assert.Throws<TransferJobException>(() => JobStateMachine.Resume(from, fileCount: 0, allFilesTransferred: true));
        Assert.Equal(TransferErrorCode.Empty, error.Code);
    }

    [Theory]
    [MemberData(nameof(NonFinalStates))]
    public void Suspend_NonFinal_Suspends(JobState from) =>
        Assert.Equal(JobState.Suspended, JobStateMachine.Suspend(from));

    [Theory]
    [MemberData(nameof(NonFinalStates))]
    public void Cancel_NonFinal_Cancels(JobState from) =>
        Assert.Equal(JobState.Cancelled, JobStateMachine.Cancel(from));

    [Theory]
    [MemberData(nameof(NonFinalStates))]
    public void Complete_NonFinal_Acknowledges(JobState from) =>
        Assert.Equal(JobState.Acknowledged, JobStateMachine.Complete(from));

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void EveryOperation_FinalState_FailsWithInvalidState(JobState from)
    {
        Action[] operations =
        [
            () => JobStateMachine.Resume(from, 1, false),
            () => JobStateMachine.Suspend(from),
            () => JobStateMachine.Cancel(from),
            () => JobStateMachine.Complete(from),
            () => JobStateMachine.EnsureNotFinal(from, "change"),
        ];
        foreach (var operation in operations)
        {
            var error = Assert.Throws<TransferJobException>(operation);
            Assert.Equal(TransferErrorCode.InvalidState, error.Code);
            Assert.Contains(from.ToString(), error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FinalStates))]
    public void CanTransition_FromFinal_NothingAllowed(JobState from)
    {
        foreach (var to in Enum.GetValues<JobState>())
        {
            Assert.False(JobStateMachine.CanTransition(from, to));
        }
    }

    [Theory]
    [InlineData(JobState.Suspended, JobState.Queued, true)]
    [InlineData(JobState.Suspended, JobState.Transferring, false)]
    [InlineData(JobState.Suspended, JobState.Connecting, false)]
    [InlineData(JobState.Suspended, JobState.Transferred, false)]
    [InlineData(JobState.Suspended, JobState.Error, false)]
    [InlineData(JobState.Queued, JobState.Connecting, true)]
    [InlineData(JobState.Queued, JobState.Error, false)]
    [InlineData(JobState.Connecting, JobState.Transferring, true)]
    [InlineData(JobState.Connecting, JobState.TransientError, true)]
    [InlineData(JobState.Transferring, JobState.Transferred, true)]
    [InlineData(JobState.Transferring, JobState.Error, true)]
    [InlineData(JobState.Transferring, JobState.Queued, true)]
    [InlineData(JobState.TransientError, JobState.Queued, true)]
    [InlineData(JobState.TransientError, JobState.Error, true)]
    [InlineData(JobState.TransientError, JobState.Transferring, false)]
    [InlineData(JobState.Error, JobState.Queued, true)]
    [InlineData(JobState.Error, JobState.Transferring, false)]
    [InlineData(JobState.Transferred, JobState.Queued, true)]
    [InlineData(JobState.Transferred, JobState.Acknowledged, true)]
    [InlineData(JobState.Transferred, JobState.Transferring, false)]
    public void CanTransition_MatchesBitsLifeCycle(JobState from, JobState to, bool allowed) =>
        Assert.Equal(allowed, JobStateMachine.CanTransition(from, to));

    [Theory]
    [MemberData(nameof(NonFinalStates))]
    public void CanTransition_AnyNonFinal_CanBeSuspendedCancelledOrAcknowledged(JobState from)
    {
        Assert.True(from == JobState.Suspended || JobStateMachine.CanTransition(from, JobState.Suspended));
        Assert.True(JobStateMachine.CanTransition(from, JobState.Cancelled));
        Assert.True(JobStateMachine.CanTransition(from, JobState.Acknowledged));
    }
}
