namespace Orleans.Transfer.Tests;

/// <summary>Bounded retries while the client reconnects to a restarted silo (there is no event for that).</summary>
internal static class Poll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

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
