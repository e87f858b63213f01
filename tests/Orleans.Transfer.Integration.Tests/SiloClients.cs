using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>What the tests that drive real silo processes share: a gateway client, a bounded poll, a free port.</summary>
internal static class SiloClients
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A started host with the gateway client of <paramref name="silo"/>, presenting the service certificate found in
    /// <paramref name="certificateHome"/> (default: the silo's own data directory; the silos of a cluster share the
    /// first one's, which only that directory holds with its private key).
    /// </summary>
    public static async Task<IHost> ConnectAsync(SiloProcess silo, string? certificateHome = null)
    {
        var host = Host.CreateApplicationBuilder();
        host.Services.AddTransferClient(o =>
        {
            o.GatewayPort = silo.GatewayPort;
            o.ClusterId = silo.ClusterId ?? TransferClientOptions.ServiceId;
            // The silo runs TLS when the tests run as root; its own certificate is what a trusted service presents.
            o.UseServiceCertificates(certificateHome ?? silo.DataDirectory);
        });
        var built = host.Build();
        await built.StartAsync();
        return built;
    }

    /// <summary>
    /// A client of every silo of <paramref name="cluster"/>, each presenting the certificate the silos share (the first
    /// silo's): every gateway is then known to answer before a test kills one.
    /// </summary>
    public static async Task<List<IHost>> ConnectAllAsync(SiloCluster cluster)
    {
        var clients = new List<IHost>();
        foreach (var silo in cluster.Silos)
        {
            clients.Add(await ConnectAsync(silo, cluster.Silos[0].DataDirectory));
        }

        return clients;
    }

    /// <summary>
    /// Polls the catalog, never the job, until it lists <paramref name="jobId"/> in <paramref name="state"/>: a job that
    /// must go on by itself (after a crash, on a survivor) is not woken by the wait. A listing the cluster rejects is
    /// asked again: just after a silo's death the survivors still route part of their lookups to it for a moment.
    /// </summary>
    public static Task UntilListedAsync(ITransferClient transfer, Guid jobId, JobState state, TimeSpan deadline, params SiloProcess[] silos) =>
        UntilAsync(
            async () =>
            {
                try
                {
                    return (await transfer.ListAsync(new JobListQuery(null, IncludeFinal: true))).Any(j => j.Id == jobId && j.State == state);
                }
                catch (OrleansMessageRejectionException)
                {
                    return false;
                }
            },
            $"{state} in the catalog",
            deadline,
            silos);

    /// <summary>Polls <paramref name="condition"/> until it holds; after <paramref name="deadline"/> fails with the silos' logs.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan deadline, params SiloProcess[] silos)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(s_pollInterval);
        while (!await condition())
        {
            if (clock.Elapsed > deadline || !await timer.WaitForNextTickAsync())
            {
                var logs = string.Join("\n", silos.Select(s => $"silo log ({s.DataDirectory}):\n{s.ReadLog()}"));
                throw new TimeoutException($"never reached '{what}' within {deadline}; {logs}");
            }
        }
    }
}
