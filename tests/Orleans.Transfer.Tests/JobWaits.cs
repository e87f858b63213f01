namespace Orleans.Transfer.Tests;

/// <summary>
/// Waits on a job's event stream: each miss long-polls <see cref="ITransferJobGrain.WaitForEventAsync"/>, which answers
/// when the state changes (or bytes move), so a test wakes on the change instead of on a timer. The real-time bound
/// on each wait covers a job whose clock is fake (its long poll then only answers state changes); the deadline only
/// stops a broken test. A long poll is made only on the state the condition was just refused in, so one the client
/// abandons is answered when the job leaves that state, as it does before a condition on the state holds: a call
/// left pending keeps its activation from being collected (<see cref="ActivationCollection"/>).
/// </summary>
internal static class JobWaits
{
    private static readonly TimeSpan s_eventInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    /// <param name="job">The job to follow.</param>
    /// <param name="condition">What the test waits for.</param>
    /// <param name="what">Names the condition in the timeout message.</param>
    /// <param name="betweenWaits">Runs after each miss, e.g. to advance a fake clock the job waits on.</param>
    public static async Task<JobInfo> UntilAsync(ITransferJobGrain job, Func<JobInfo, bool> condition, string what, Action? betweenWaits = null)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        while (true)
        {
            var info = await job.GetInfoAsync();
            if (condition(info))
            {
                return info;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {info.Id} never reached '{what}' within {s_deadline}; last state {info.State}, {info.Progress.BytesTransferred} bytes, error {info.Error}.");
            }

            betweenWaits?.Invoke();
            try
            {
                // The job's event as it stands (no job is in state -1) says whether it is settled, which the wait knows too.
                var known = await job.WaitForEventAsync((JobState)(-1), false, -1, s_eventInterval, s_longestWait);
                if (known.State != info.State)
                {
                    // It moved since it was read, maybe into the state waited for and to stay there: look again. A long
                    // poll on a state the job never leaves is answered by nothing on a fake clock, and when abandoned
                    // below it stays pending in the grain, which keeps the activation from being collected.
                    continue;
                }

                await job.WaitForEventAsync(known.State, known.IsSettled(), known.BytesTransferred, s_eventInterval, s_longestWait).WaitAsync(s_longestWait);
            }
            catch (TimeoutException)
            {
                // A fake clock holds the long poll's own timer: look again.
            }
        }
    }

    public static Task<JobInfo> StateAsync(ITransferJobGrain job, JobState state) =>
        UntilAsync(job, i => i.State == state, state.ToString());
}
