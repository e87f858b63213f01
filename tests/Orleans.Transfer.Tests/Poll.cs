namespace Orleans.Transfer.Tests;

/// <summary>Bounded polling of grain state: the state is the signal, the deadline only stops a broken test.</summary>
internal static class Poll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    /// <param name="job">The job to read.</param>
    /// <param name="condition">What the test waits for.</param>
    /// <param name="what">Names the condition in the timeout message.</param>
    /// <param name="betweenPolls">Runs after each miss, e.g. to advance a fake clock the job waits on.</param>
    public static async Task<JobInfo> UntilAsync(ITransferJobGrain job, Func<JobInfo, bool> condition, string what, Action? betweenPolls = null)
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

            betweenPolls?.Invoke();
            await Task.Delay(s_interval);
        }
    }

    public static Task<JobInfo> UntilStateAsync(ITransferJobGrain job, JobState state) =>
        UntilAsync(job, i => i.State == state, state.ToString());

    /// <summary>After a silo restart the client reconnects in the background; the first calls may fail until it has.</summary>
    public static async Task<JobInfo> ReconnectedAsync(ITransferJobGrain job)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        while (true)
        {
            try
            {
                return await job.GetInfoAsync();
            }
            catch (Orleans.Runtime.Messaging.ConnectionFailedException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(s_interval);
            }
            catch (Orleans.Runtime.SiloUnavailableException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(s_interval);
            }
        }
    }
}
