namespace Orleans.Transfer.Tests;

/// <summary>Lets a job's activation go, as idle collection would, for tests that need the next call to activate it afresh.</summary>
internal static class ActivationCollection
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Forces collection until the job's activation is gone, bounded, and returns the activations left (0 unless the
    /// deadline passed): a run that has just put the job in a waiting or settled state keeps its activation until the
    /// run's last write is done, a moment after the state shows. A call still pending in the grain (a long poll whose
    /// caller gave up, on a fake clock that never ends it) keeps it for good: <see cref="JobWaits"/> leaves none.
    /// </summary>
    public static async Task<int> UntilGoneAsync(IManagementGrain management, ITransferJobGrain job)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        int count;
        do
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            count = await management.GetGrainActivationCount((GrainReference)job);
        }
        while (count > 0 && DateTimeOffset.UtcNow < deadline);
        return count;
    }
}
