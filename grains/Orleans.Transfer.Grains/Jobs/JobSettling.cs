namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The one rule for "settled" (<see cref="JobEvent.Settled"/>): the job waits for its owner or is final, so a watch
/// ends. Error, Acknowledged and Cancelled are settled. Transferred is settled unless the service completes the job
/// itself (<see cref="JobCompletion"/>) and has not yet: before it starts to, a watch waits for the outcome. While the
/// service completes it nothing is settled, Acknowledged included until its write has returned, so a caller told
/// "settled" finds the outcome stored. A completion that failed (B30) leaves the job Transferred with the error:
/// settled, the owner fixes the cause and completes it, or cancels it.
/// </summary>
internal static class JobSettling
{
    /// <param name="state">The job's state.</param>
    /// <param name="completesItself">
    /// The job is Transferred with the property, not damaged, and no completion of it failed (<see cref="JobCompletion.IsDue"/>).
    /// </param>
    /// <param name="completion">Whether this activation is completing it now or its last completion of it failed.</param>
    public static bool IsSettled(JobState state, bool completesItself, ServiceCompletion completion) =>
        completion != ServiceCompletion.Running
        && (state == JobState.Transferred ? !completesItself || completion == ServiceCompletion.Failed : state.IsSettled());
}
