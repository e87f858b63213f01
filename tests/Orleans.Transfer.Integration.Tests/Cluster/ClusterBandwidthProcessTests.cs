using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.TestOrigin;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silo processes: one <c>xfer policy set</c> through silo 1 reaches every silo (each one's
/// <c>xfer service status</c> shows the same policy version and cap); background jobs on two silos share the one
/// background cap by demand (the shares the silos report sum to 1 and follow their jobs), and what all silos move over
/// a window stays within the one cap, not one per silo; after <c>kill -9</c> of a silo its share goes to the others.
/// </summary>
public sealed class ClusterBandwidthProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    // 1024-based, as the policy's rates are: 4 MiB/s for the whole cluster.
    private const string Cap = "4M";
    private const long CapBytesPerSecond = 4L * 1024 * 1024;

    // Never finishes within the test, so the jobs stay in demand throughout.
    private const long FileSize = 512L * 1024 * 1024;

    // Shares are compared after the silos' reports; each silo answers with its own last one, so a sum is exact only
    // between two demand changes.
    private const double ShareTolerance = 0.01;

    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    // Only stops a broken test: a policy reaches every silo within an interval or two.
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    // The measuring window; its real length (the machine may be slow) is what the bound is computed from.
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(8);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-cluster-bw-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [ClusterTheory]
    [InlineData(Cap)]
    public async Task OnePolicyChange_ReachesEverySilo_AndTheBackgroundCapIsOneBudgetSharedByDemand(string cap)
    {
        var clock = Stopwatch.StartNew();
        OriginFile[] files = [.. Enumerable.Range(0, 3).Select(i => _test.Origin.AddGenerated($"big{i}.bin", FileSize, seed: 80 + i))];
        await using var cluster = await SiloCluster.StartAsync(
            _test.Root,
            count: 3,
            extra: new Dictionary<string, string>
            {
                ["Transfer__Cluster__BandwidthRebalanceInterval"] = s_interval.ToString("c", CultureInfo.InvariantCulture),
            });
        var silos = cluster.Silos;
        List<LocalApiTransferClient> apis = [.. silos.Select(s => LocalApiOf(s))];
        try
        {
            ClusterBandwidthStatus[] views = [];
            await SiloClients.UntilAsync(
                async () => (views = await ViewsAsync(apis)).Length == 3,
                "every silo's local API answers with a cluster view",
                s_deadline,
                [.. silos]);
            Assert.All(views, v => Assert.Null(v.PolicyVersion));
            output.WriteLine($"{clock.Elapsed}: three silos up");

            // One policy change, through silo 1, by the operator's own tool.
            await XferAsync(silos[1], "policy", "set", "--background", cap);
            await SiloClients.UntilAsync(
                async () => (views = await ViewsAsync(apis)).Length == 3
                    && views.All(v => v.PolicyVersion is not null && v.PolicyVersion == views[0].PolicyVersion && v.BackgroundLimit == cap),
                "every silo applied the one policy",
                s_deadline,
                [.. silos]);
            output.WriteLine($"{clock.Elapsed}: policy version {views[0].PolicyVersion} on every silo");
            Assert.Equal(silos.Select(s => s.SiloPort), views.Select(v => cluster.ByAddress(v.Silo).SiloPort));

            // What an operator sees, on every silo: the same version and cap, each silo its own address.
            for (var i = 0; i < silos.Count; i++)
            {
                using var json = JsonDocument.Parse(await XferAsync(silos[i], "service", "status", "--format", "json"));
                var view = json.RootElement.GetProperty("cluster");
                Assert.Equal(views[0].PolicyVersion, view.GetProperty("policyVersion").GetGuid());
                Assert.Equal(cap, view.GetProperty("backgroundLimit").GetString());
                Assert.Equal(views[i].Silo, view.GetProperty("silo").GetString());
                Assert.InRange(view.GetProperty("backgroundShare").GetDouble(), double.Epsilon, 1);
                Assert.Equal(JsonValueKind.Number, view.GetProperty("backgroundDemand").ValueKind);
            }

            var text = await XferAsync(silos[2], "service", "status");
            Assert.Contains($"version {views[0].PolicyVersion}", text, StringComparison.Ordinal);
            Assert.Contains("Background share", text, StringComparison.Ordinal);

            // Background jobs: two on silo 0, one on silo 1, none on silo 2. A job created through a silo's local API
            // activates on that silo (its destination is under the shared root, so it is not pinned anywhere).
            var output0 = _test.Subdirectory("out");
            int[] placement = [0, 0, 1];
            for (var i = 0; i < files.Length; i++)
            {
                var api = apis[placement[i]];
                var id = (await api.CreateDownloadJobAsync($"background {i}", priority: JobPriority.Normal)).Id;
                await api.SetHttpOptionsAsync(id, new HttpOptionsUpdate(Segments: 1));
                await api.AddFileAsync(id, _test.Origin.UrlFor(files[i].Name).ToString(), Path.Combine(output0, files[i].Name));
                await api.ResumeAsync(id);
                Assert.Equal(silos[placement[i]].SiloPort, cluster.ByAddress((await api.GetAsync(id)).Silo!).SiloPort);
            }

            await SiloClients.UntilAsync(
                async () => (views = await ViewsAsync(apis)).Length == 3
                    && views.Select(v => v.BackgroundDemand).SequenceEqual([2, 1, 0])
                    && Math.Abs(views.Sum(v => v.BackgroundShare) - 1) < ShareTolerance,
                "the silos report demands 2, 1, 0 and their shares sum to 1",
                s_deadline,
                [.. silos]);
            output.WriteLine($"{clock.Elapsed}: shares {string.Join(", ", views.Select(v => v.BackgroundShare.ToString("P1", CultureInfo.InvariantCulture)))}");
            Assert.True(views[0].BackgroundShare > views[1].BackgroundShare && views[1].BackgroundShare > views[2].BackgroundShare, "the shares follow demand");

            // Every silo caps its own bucket at its share, so together they move about one cap, not three. Generous:
            // half a cap more, plus a second of the cap for the buckets' and sockets' slack.
            var moved = await MeasureAsync(files);
            var bound = (1.5 * CapBytesPerSecond * moved.Elapsed.TotalSeconds) + CapBytesPerSecond;
            var silo0 = moved.Bytes[0] + moved.Bytes[1];
            var silo1 = moved.Bytes[2];
            output.WriteLine(
                $"{clock.Elapsed}: moved {silo0 + silo1} bytes in {moved.Elapsed.TotalSeconds:0.00} s = {(silo0 + silo1) / moved.Elapsed.TotalSeconds / CapBytesPerSecond:0.00}x the cap "
                + $"(silo 0: {silo0}, silo 1: {silo1}); bound {bound:0}");
            Assert.True(silo0 + silo1 <= bound, $"the cluster moved {silo0 + silo1} bytes in {moved.Elapsed}: more than one cap allows ({bound:0})");
            Assert.True(silo1 > 0 && silo0 > silo1, $"silo 0 (two jobs) moved {silo0}, silo 1 (one job) {silo1}: the bytes follow the shares");

            // kill -9 silo 1: its share goes to the survivors (its job fails over to one of them, so demand moves too).
            var killedAt = DateTimeOffset.UtcNow;
            await silos[1].KillAsync();
            LocalApiTransferClient[] survivors = [apis[0], apis[2]];
            await SiloClients.UntilAsync(
                async () => (views = await ViewsAsync(survivors)).Length == 2
                    && views.All(v => v.ReportedAt > killedAt)
                    && Math.Abs(views.Sum(v => v.BackgroundShare) - 1) < ShareTolerance,
                "the survivors' shares sum to 1",
                s_deadline,
                silos[0],
                silos[2]);
            output.WriteLine($"{clock.Elapsed}: after the kill, shares {string.Join(", ", views.Select(v => v.BackgroundShare.ToString("P1", CultureInfo.InvariantCulture)))}, demands {string.Join(", ", views.Select(v => v.BackgroundDemand))}");
            Assert.All(views, v => Assert.Equal(cap, v.BackgroundLimit));
        }
        finally
        {
            apis.ForEach(a => a.Dispose());
        }
    }

    private static LocalApiTransferClient LocalApiOf(SiloProcess silo) =>
        new(Options.Create(new LocalApiClientOptions { SocketPath = Path.Combine(silo.DataDirectory, LocalApiAddress.SocketFileName) }), TimeProvider.System);

    /// <summary>Each silo's cluster view, or none while a silo's local API does not answer yet.</summary>
    private static async Task<ClusterBandwidthStatus[]> ViewsAsync(IEnumerable<LocalApiTransferClient> apis)
    {
        List<ClusterBandwidthStatus> views = [];
        foreach (var api in apis)
        {
            try
            {
                views.Add((await api.GetServiceStatusAsync()).Cluster ?? throw new InvalidOperationException("a silo of a cluster reported no cluster view"));
            }
            catch (TransferServiceUnavailableException)
            {
                return [];
            }
        }

        return [.. views];
    }

    /// <summary>The bytes the origin sent for each file over <see cref="s_window"/>, and the window's real length.</summary>
    private static async Task<(long[] Bytes, TimeSpan Elapsed)> MeasureAsync(OriginFile[] files)
    {
        var before = files.Select(f => f.BodyBytesSent).ToArray();
        var elapsed = Stopwatch.StartNew();

        // A rate needs a span of real time; the bound is computed from the span measured, not from this one.
        using (var window = new PeriodicTimer(s_window))
        {
            await window.WaitForNextTickAsync();
        }

        var after = files.Select(f => f.BodyBytesSent).ToArray();
        return ([.. after.Zip(before, (a, b) => a - b)], elapsed.Elapsed);
    }

    /// <summary>Runs the real xfer against <paramref name="silo"/>'s local API; returns its stdout, fails on a non-zero exit.</summary>
    private static async Task<string> XferAsync(SiloProcess silo, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [SiloProcess.BuildOutputPath("client/Orleans.Transfer.Cli", "xfer.dll", "build xfer first"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[LocalApiAddress.HomeVariable] = silo.DataDirectory;
        start.Environment.Remove(LocalApiAddress.SocketVariable);
        start.Environment["XFER_NO_AUTOSTART"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start xfer");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_deadline);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"xfer {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
