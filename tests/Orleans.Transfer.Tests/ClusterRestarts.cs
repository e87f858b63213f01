using Orleans.Runtime.Messaging;
using Orleans.TestingHost;

namespace Orleans.Transfer.Tests;

/// <summary>Restarts a test cluster's silo and returns once the client's calls get through to it again.</summary>
internal static class ClusterRestarts
{
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    public static async Task RestartAsync(InProcessTestCluster cluster)
    {
        await cluster.RestartSiloAsync(cluster.Silos[0]);

        // The client reconnects to the restarted gateway on its own schedule; a test's first call must not race it.
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        using var probe = new PeriodicTimer(s_probeInterval);
        while (true)
        {
            try
            {
                await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts();
                return;
            }
            catch (Exception ex) when (ex is ConnectionFailedException or SiloUnavailableException && DateTimeOffset.UtcNow < deadline)
            {
                await probe.WaitForNextTickAsync();
            }
        }
    }
}
