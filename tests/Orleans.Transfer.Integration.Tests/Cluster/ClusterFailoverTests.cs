using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes in one cluster: SIGKILL the silo running a download, and a survivor carries the job on
/// from its checkpoint without anyone calling the job (the survivors wake a dead silo's jobs from the catalog).
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long FileSize = 48L * 1024 * 1024;

    // docs/cluster.md: a killed silo's job moves within 30 s (measured: 3-4 s); a hung one's took about 40 s here.
    private static readonly TimeSpan s_killedPromise = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_hungBound = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    /// <summary>
    /// SIGKILL with the tight probes of the tests (the kernel refuses connections to the dead port at once), and SIGSTOP
    /// with the service's default probes: a hung silo, or a machine gone without a word, whose probes time out. Both
    /// print the time from the signal to the survivor's first request (docs/cluster.md quotes them). The 30 s promise
    /// is for a killed silo; a hung one is bounded loosely, as measured (docs/cluster.md, "Failure detection").
    /// </summary>
    [ClusterTheory]
    [InlineData("KILL", true)]
    [InlineData("STOP", false)]
    public async Task TheSiloRunningAJobDies_ASurvivorContinuesFromItsCheckpoint_ByteIdentical(string signal, bool tightProbes)
    {
        var file = _test.Origin.AddGenerated("image.bin", FileSize, seed: 18);
        file.ThrottleBytesPerSecond = 6L * 1024 * 1024;
        var destination = Path.Combine(_test.Subdirectory("out"), "image.bin");
        await using var cluster = await SiloCluster.StartAsync(_test.Root, count: 3, tightProbes);

        // A client of every silo before the signal: the survivor's gateway is known to answer before the failover is measured.
        var clients = await SiloClients.ConnectAllAsync(cluster);

        try
        {
            await RunFailoverAsync(signal, tightProbes, file, destination, cluster, clients);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task RunFailoverAsync(string signal, bool tightProbes, TestOrigin.OriginFile file, string destination, SiloCluster cluster, List<IHost> clients)
    {
        var transfer = clients[0].Services.GetRequiredService<ITransferClient>();
        var jobId = (await transfer.CreateDownloadJobAsync("cluster failover")).Id;
        await transfer.SetHttpOptionsAsync(jobId, new HttpOptionsUpdate(Segments: 1));
        await transfer.AddFileAsync(jobId, _test.Origin.UrlFor("image.bin").ToString(), destination);
        await transfer.ResumeAsync(jobId);
        await SiloClients.UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 3), "a third of the file sent", s_deadline, [.. cluster.Silos]);
        var info = await transfer.GetAsync(jobId);
        Assert.NotNull(info.Silo);
        var running = cluster.ByAddress(info.Silo);
        output.WriteLine($"job {jobId} runs on {info.Silo}");

        var requestsBeforeKill = file.RangeHeaders.Count;
        var sinceKill = Stopwatch.StartNew();
        if (signal == "KILL")
        {
            await running.KillAsync();
        }
        else
        {
            running.Freeze();
        }

        file.ThrottleBytesPerSecond = 0;
        var survivors = cluster.Silos.Where(s => s != running).ToArray();

        // Nothing calls the job until it is done: the origin sees the survivor's request, then the catalog says Transferred.
        await SiloClients.UntilAsync(() => Task.FromResult(file.RangeHeaders.Count > requestsBeforeKill), "a survivor's request", s_deadline, survivors);
        var movedAfter = sinceKill.Elapsed;
        var survivorTransfer = clients[cluster.Silos.ToList().IndexOf(survivors[0])].Services.GetRequiredService<ITransferClient>();
        await SiloClients.UntilListedAsync(survivorTransfer, jobId, JobState.Transferred, s_deadline, survivors);
        output.WriteLine($"SIG{signal} ({(tightProbes ? "tight" : "default")} probes) -> survivor's first request: {movedAfter.TotalSeconds:F1} s; -> Transferred: {sinceKill.Elapsed.TotalSeconds:F1} s");
        var bound = signal == "KILL" ? s_killedPromise : s_hungBound;
        Assert.True(movedAfter < bound, $"the job moved {movedAfter} after SIG{signal}; docs/cluster.md says {bound}");

        var resumedFrom = ParseRangeStart(file.RangeHeaders[requestsBeforeKill]);
        Assert.True(resumedFrom > 0, "the survivor resumed from a checkpoint, not from zero");
        if (signal == "STOP")
        {
            await ThawTheStaleSiloAsync(running, file, destination);
        }

        var done = await survivorTransfer.GetAsync(jobId);
        Assert.NotNull(done.Silo);
        Assert.Contains(cluster.ByAddress(done.Silo), survivors);
        Assert.Equal(JobState.Acknowledged, (await survivorTransfer.CompleteAsync(jobId)).State);
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        Assert.Equal(["image.bin"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    /// <summary>
    /// The fence: the hung silo wakes with its job's worker mid-file and its lock on a temporary file the survivor
    /// took over. It must stop (its process exits once it learns it was declared dead, or its worker stops at its next
    /// checkpoint, event 1204) without a byte reaching the survivor's file: the file at the temporary name stays the
    /// survivor's (same inode, the whole content) until Complete moves it.
    /// </summary>
    private async Task ThawTheStaleSiloAsync(SiloProcess stale, TestOrigin.OriginFile file, string destination)
    {
        var directory = Path.GetDirectoryName(destination)!;
        var temp = Assert.Single(Directory.GetFiles(directory));
        var survivorsFile = Inode(temp);
        var sinceThaw = Stopwatch.StartNew();
        stale.Thaw();
        var exited = false;
        await SiloClients.UntilAsync(
            async () =>
            {
                exited = await stale.ExitsWithinAsync(TimeSpan.FromMilliseconds(200));
                return exited || stale.ReadLog().Contains("[1204]", StringComparison.Ordinal);
            },
            "the stale silo stopped (exited, or its worker fenced off)",
            s_deadline,
            stale);
        output.WriteLine($"stale silo after SIGCONT: {(exited ? $"exited ({stale.ExitCode})" : "worker stopped (1204)")} in {sinceThaw.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(survivorsFile, Inode(temp));
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(temp))));
        Assert.Equal([temp], Directory.GetFiles(directory));
    }

    private static ulong Inode(string path)
    {
        using var output = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = output.StandardOutput.ReadToEnd().Trim();
        output.WaitForExit();
        return ulong.Parse(inode, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long ParseRangeStart(string? header)
    {
        Assert.NotNull(header);
        var value = header["bytes=".Length..];
        return long.Parse(value[..value.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
