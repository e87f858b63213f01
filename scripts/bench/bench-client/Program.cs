using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Transfer;
using Orleans.Transfer.Client;

// bench-client: drives the resident transfer service through the client library (XFER_GATEWAY_PORT) and times inside,
// so the Orleans client's start-up is not counted. Prints one line of JSON on stdout.
// With XFER_HOME exported (lib.sh does) it presents the service's own certificate, which a service running as root
// requires (Orleans TLS; docs/orleans-tls.md).
//   transfer URL DEST                 one job, one file: create with the file and queued (one call), watch, complete
//   small-one BASE COUNT DESTDIR      one job with COUNT files BASE/f0000.bin ... (created with them and queued in one
//                                     call, waited for with one long poll, completed), after an untimed one of 20 files;
//                                     with XFER_HOME, the silo's CPU over the timed job
//   small-many BASE COUNT DESTDIR     COUNT jobs of one file each, driven concurrently, each as small-one's job
//   small-many-auto BASE COUNT DESTDIR  as small-many, but each job one DownloadAsync: created with
//                                     CompleteWhenTransferred and waited for until Acknowledged in the same call
//   small-many-batch BASE COUNT DESTDIR BATCH  as small-many-auto, but the jobs created BATCH at a time (CreateJobsAsync,
//                                     queued, 32 calls in flight at most), each call then waiting for its jobs to settle;
//                                     each small-many mode runs 200 untimed jobs first (DESTDIR/warm-up) and reports the
//                                     client's and (with XFER_HOME) the silo's CPU over the timed jobs alone
//   scale COUNT URL DESTDIR           COUNT suspended jobs of one file each (one create call with the file, not run, as a trusted service: the
//                                     administrators' quota), the creation rate per tenth of them, the first page
//                                     (median of 5) and a full list
//   scale-batch COUNT URL DESTDIR BATCH  as scale, but the jobs created BATCH at a time (CreateJobsAsync: one call,
//                                     one write per BATCH jobs), 32 calls in flight at most
//   fanout URL COUNT DESTDIR [PORT...] COUNT Foreground jobs of the one URL (DESTDIR/dest00.bin ...), created round robin
//                                     through the gateway of XFER_GATEWAY_PORT and of each further PORT (the silos of
//                                     one cluster, XFER_CLUSTER_ID), all run at once; timed from the first create to the
//                                     last Complete; names how many silos ran them
//   activations [collect]             the silo's job grain activations (and all activations), after forcing an idle
//                                     collection (age zero) with "collect"
// The library modes' untimed jobs first (with small.sh's settings, no tiered compilation, each method of the hot path is
// compiled there once), and a pause after them for the silo to finish what they left (history appends written after a
// settle).
const int WarmUpJobs = 200;
var warmUpSettle = TimeSpan.FromSeconds(1);
const string usage = "usage: bench-client transfer URL DEST | small-one|small-many|small-many-auto BASE COUNT DESTDIR | small-many-batch BASE COUNT DESTDIR BATCH | scale COUNT URL DESTDIR | scale-batch COUNT URL DESTDIR BATCH | fanout URL COUNT DESTDIR [PORT...] | activations [collect]";
if (args.Length < (args is ["activations", ..] ? 1 : 3))
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddTransferClient(o => o.WatchInterval = TimeSpan.FromMilliseconds(200));
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<ITransferClient>();
var inv = CultureInfo.InvariantCulture;

try
{
    switch (args[0])
    {
        case "transfer":
        {
            var sw = Stopwatch.StartNew();
            var job = await client.StartDownloadJobAsync("bench-transfer", [new FileSpec(args[1], Path.GetFullPath(args[2]))]);
            var first = TimeSpan.Zero;
            await foreach (var jobEvent in client.WatchAsync(job.Id))
            {
                if (first == TimeSpan.Zero && jobEvent.BytesTransferred > 0)
                {
                    first = sw.Elapsed;
                }

                await CheckAsync(jobEvent);
            }

            var transferred = sw.Elapsed;
            await client.CompleteAsync(job.Id);
            Console.WriteLine(string.Create(inv,
                $"{{\"seconds\":{sw.Elapsed.TotalSeconds:F4},\"transferred_s\":{transferred.TotalSeconds:F4},\"first_progress_s\":{first.TotalSeconds:F4}}}"));
            break;
        }

        case "small-one":
        {
            var (baseUrl, count, dir) = (args[1].TrimEnd('/'), int.Parse(args[2], inv), Path.GetFullPath(args[3]));

            // One untimed job of a few files first, as in the small-many modes: its calls compile the path.
            var warmUp = Path.Combine(dir, "warm-up");
            Directory.CreateDirectory(warmUp);
            var warmJob = await client.StartDownloadJobAsync("bench-small-one-warm-up", Enumerable.Range(0, Math.Min(count, 20)).Select(i => Spec(baseUrl, i, warmUp)).ToList());
            await WaitAsync(warmJob.Id);
            await client.CompleteAsync(warmJob.Id);

            await Task.Delay(warmUpSettle);
            var silo = SiloStatPath();
            var siloBefore = ProcessCpuSeconds(silo);
            var sw = Stopwatch.StartNew();
            var files = Enumerable.Range(0, count).Select(i => Spec(baseUrl, i, dir)).ToList();
            var job = await client.StartDownloadJobAsync("bench-small-one", files);
            var added = sw.Elapsed;
            await WaitAsync(job.Id);
            var transferred = sw.Elapsed;
            await client.CompleteAsync(job.Id);
            var seconds = sw.Elapsed.TotalSeconds;
            await Task.Delay(warmUpSettle);
            Console.WriteLine(string.Create(inv,
                $"{{\"seconds\":{seconds:F4},\"add_s\":{added.TotalSeconds:F4},\"transferred_s\":{transferred.TotalSeconds:F4},\"files_per_s\":{count / seconds:F1},\"silo_cpu_s\":{CpuSince(silo, siloBefore)}}}"));
            break;
        }

        case "small-many":
        case "small-many-auto":
        case "small-many-batch":
        {
            var (baseUrl, count, dir) = (args[1].TrimEnd('/'), int.Parse(args[2], inv), Path.GetFullPath(args[3]));
            var perCall = args[0] == "small-many-batch" ? int.Parse(args[4], inv) : 1;
            Func<int, int, string, CancellationToken, Task> call = args[0] switch
            {
                "small-many" => async (first, _, to, ct) =>
                {
                    var job = await client.StartDownloadJobAsync($"bench-small-{first}", [Spec(baseUrl, first, to)], cancellationToken: ct);
                    await WaitAsync(job.Id);
                    await client.CompleteAsync(job.Id, ct);
                },
                "small-many-auto" => async (first, _, to, ct) =>
                    await AcknowledgedAsync(await client.DownloadAsync($"bench-small-auto-{first}", [Spec(baseUrl, first, to)], cancellationToken: ct)),
                _ => async (first, n, to, ct) =>
                {
                    var requests = Enumerable.Range(first, n)
                        .Select(i => new CreateJobRequest(
                            $"bench-small-batch-{i}", null, JobType.Download, JobPriority.Normal, Owner: "",
                            Files: [Spec(baseUrl, i, to)], Resume: true, CompleteWhenTransferred: true))
                        .ToList();
                    var jobs = await client.CreateJobsAsync(requests, ct);
                    await Task.WhenAll(jobs.Select(async job => await AcknowledgedAsync(await client.WaitUntilSettledAsync(job.Id, ct))));
                },
            };

            // A backend service that uses the library is resident: its code is compiled long before. This process is
            // not, so untimed jobs first (into a subdirectory, origin files reused) compile the hot paths outside the
            // timing instead of in CPU the silo shares with it.
            var warmUp = Path.Combine(dir, "warm-up");
            Directory.CreateDirectory(warmUp);
            await RunCallsAsync(Math.Min(count, WarmUpJobs), perCall, (first, n, ct) => call(first, n, warmUp, ct));
            await Task.Delay(warmUpSettle);

            var silo = SiloStatPath();
            var siloBefore = ProcessCpuSeconds(silo);
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await RunCallsAsync(count, perCall, (first, n, ct) => call(first, n, dir, ct));
            var seconds = sw.Elapsed.TotalSeconds;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;

            // The same pause as after the warm-up: what the timed jobs left is counted, what the warm-up left was not.
            await Task.Delay(warmUpSettle);
            Console.WriteLine(string.Create(inv,
                $"{{\"seconds\":{seconds:F4},\"files_per_s\":{count / seconds:F1},\"warm_up_jobs\":{Math.Min(count, WarmUpJobs)},\"client_cpu_s\":{clientCpu:F3},\"silo_cpu_s\":{CpuSince(silo, siloBefore)}}}"));
            break;
        }

        case "scale":
        case "scale-batch":
        {
            var (count, url, dir) = (int.Parse(args[1], inv), args[2], Path.GetFullPath(args[3]));
            var batch = args[0] == "scale-batch" ? int.Parse(args[4], inv) : 1;

            // When each tenth of the jobs was done, so a rate that decays as the jobs accumulate shows.
            var tenth = Math.Max(1, count / 10);
            var marks = new double[(count + tenth - 1) / tenth];
            var done = 0;

            // CPU used in each tenth by this process and by the silo (Linux: its pid from $XFER_HOME/silo.pid), so a
            // warm-up shows as CPU per create and not only as a rate another process on the machine may have set.
            var siloStat = SiloStatPath();
            var clientCpu = new double[marks.Length + 1];
            var siloCpu = new double[marks.Length + 1];
            clientCpu[0] = Environment.CpuUsage.TotalTime.TotalSeconds;
            siloCpu[0] = ProcessCpuSeconds(siloStat);
            var (jit0, jitted0) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
            var sw = Stopwatch.StartNew();
            CreateJobRequest Request(int i) =>
                new($"bench-scale-{i}", null, JobType.Download, JobPriority.Normal, Owner: "", Files: [new FileSpec(url, Path.Combine(dir, $"s{i:D6}.bin"))]);
            var calls = (count + batch - 1) / batch;
            await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = Math.Min(32, calls) }, async (c, ct) =>
            {
                var size = Math.Min(batch, count - (c * batch));
                if (batch == 1)
                {
                    await client.CreateJobAsync(Request(c), ct);
                }
                else
                {
                    await client.CreateJobsAsync([.. Enumerable.Range(c * batch, size).Select(Request)], ct);
                }

                // A batch may pass a tenth's end: the tenth it ends in is marked (a batch larger than a tenth skips some).
                var n = Interlocked.Add(ref done, size);
                if ((n - size) / tenth != n / tenth || n == count)
                {
                    marks[(n - 1) / tenth] = sw.Elapsed.TotalSeconds;
                    clientCpu[((n - 1) / tenth) + 1] = Environment.CpuUsage.TotalTime.TotalSeconds;
                    siloCpu[((n - 1) / tenth) + 1] = ProcessCpuSeconds(siloStat);
                }
            });
            var create = sw.Elapsed;
            var (jit1, jitted1) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
            var rates = marks.Select((at, k) => Math.Min(tenth, count - (k * tenth)) / (at - (k == 0 ? 0 : marks[k - 1])));
            string[] PerCreateMs(double[] cpu) =>
                [.. cpu.Skip(1).Select((c, k) => ((c - cpu[k]) * 1000 / Math.Min(tenth, count - (k * tenth))).ToString("F2", inv))];
            var clientMs = PerCreateMs(clientCpu);
            var siloMs = siloStat is null ? null : PerCreateMs(siloCpu);

            // The first page as `xfer job list --all` asks for it, through the library: every owner's, final ones too.
            var firstPage = new List<double>();
            var page = new JobListPage([], null);
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                page = await client.ListPageAsync(new JobListQuery(null, IncludeFinal: true, AllOwners: true));
                firstPage.Add(sw.Elapsed.TotalSeconds);
            }

            sw.Restart();
            var listed = await client.ListAsync(new JobListQuery(null, IncludeFinal: true));
            Console.WriteLine(string.Create(inv,
                $"{{\"jobs\":{count},\"batch\":{batch},\"create_s\":{create.TotalSeconds:F4},\"jobs_per_s\":{count / create.TotalSeconds:F1},"
                + $"\"tenth\":{tenth},\"jobs_per_s_by_tenth\":[{string.Join(",", rates.Select(r => r.ToString("F1", inv)))}],"
                + $"\"client_jit_ms\":{(jit1 - jit0).TotalMilliseconds:F0},\"client_jit_methods\":{jitted1 - jitted0},"
                + $"\"client_cpu_ms_per_job\":{(clientCpu[^1] - clientCpu[0]) * 1000 / count:F3},\"client_cpu_ms_per_job_by_tenth\":[{string.Join(",", clientMs)}],"
                + $"\"silo_cpu_ms_per_job_by_tenth\":{(siloMs is null ? "null" : $"[{string.Join(",", siloMs)}]")},"
                + $"\"first_page_s\":[{string.Join(",", firstPage.Select(t => t.ToString("F4", inv)))}],\"first_page_rows\":{page.Jobs.Count},"
                + $"\"list_s\":{sw.Elapsed.TotalSeconds:F4},\"listed\":{listed.Count}}}"));
            break;
        }

        case "fanout":
        {
            var (url, count, dir) = (args[1], int.Parse(args[2], inv), Path.GetFullPath(args[3]));

            // One client per further gateway, connected before the clock starts (as the hosts would be already).
            var others = new List<IHost>();
            foreach (var port in args[4..].Select(p => int.Parse(p, inv)))
            {
                var other = Host.CreateApplicationBuilder();
                other.Logging.SetMinimumLevel(LogLevel.Warning);
                other.Services.AddTransferClient(o =>
                {
                    o.GatewayPort = port;
                    o.WatchInterval = TimeSpan.FromMilliseconds(200);
                });
                others.Add(other.Build());
                await others[^1].StartAsync();
            }

            try
            {
                ITransferClient[] clients = [client, .. others.Select(h => h.Services.GetRequiredService<ITransferClient>())];
                var silos = new string?[count];
                var sw = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = count }, async (i, ct) =>
                {
                    var through = clients[i % clients.Length];
                    var job = await through.CreateDownloadJobAsync($"bench-fanout-{i}", priority: JobPriority.Foreground, cancellationToken: ct);
                    await through.AddFileAsync(job.Id, url, Path.Combine(dir, $"dest{i:D2}.bin"), cancellationToken: ct);
                    await through.ResumeAsync(job.Id, ct);
                    await foreach (var jobEvent in through.WatchAsync(job.Id, ct))
                    {
                        await CheckAsync(jobEvent);
                    }

                    silos[i] = (await through.GetAsync(job.Id, ct)).Silo;
                    await through.CompleteAsync(job.Id, ct);
                });
                Console.WriteLine(string.Create(inv,
                    $"{{\"seconds\":{sw.Elapsed.TotalSeconds:F4},\"jobs\":{count},\"silos\":{silos.Distinct().Count()}}}"));
            }
            finally
            {
                foreach (var other in others)
                {
                    await other.StopAsync();
                    other.Dispose();
                }
            }

            break;
        }

        case "activations":
        {
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            if (args is [_, "collect", ..])
            {
                await management.ForceActivationCollection(TimeSpan.Zero);
            }

            var counts = await management.GetSimpleGrainStatistics();
            var jobs = counts.Where(c => c.GrainType.Contains("TransferJobGrain", StringComparison.Ordinal)).Sum(c => c.ActivationCount);
            Console.WriteLine(string.Create(inv, $"{{\"job_activations\":{jobs},\"activations\":{counts.Sum(c => c.ActivationCount)}}}"));
            break;
        }

        default:
            await Console.Error.WriteLineAsync(usage);
            return 2;
    }
}
finally
{
    await host.StopAsync();
}

return 0;

static string Name(int i) => $"f{i:D4}.bin";

static FileSpec Spec(string baseUrl, int i, string dir) => new($"{baseUrl}/{Name(i)}", Path.Combine(dir, Name(i)));

// Calls of perCall jobs each (the last one smaller) for jobs 0..total-1, 32 calls in flight at most.
static Task RunCallsAsync(int total, int perCall, Func<int, int, CancellationToken, Task> call)
{
    var calls = (total + perCall - 1) / perCall;
    return Parallel.ForEachAsync(
        Enumerable.Range(0, calls),
        new ParallelOptions { MaxDegreeOfParallelism = Math.Min(32, Math.Max(1, calls)) },
        (c, ct) => new ValueTask(call(c * perCall, Math.Min(perCall, total - (c * perCall)), ct)));
}

// The silo's /proc stat file, when this is Linux and $XFER_HOME/silo.pid names a live process; else null.
static string? SiloStatPath()
{
    var home = Environment.GetEnvironmentVariable("XFER_HOME");
    if (!OperatingSystem.IsLinux() || home is null || !File.Exists(Path.Combine(home, "silo.pid")))
    {
        return null;
    }

    var stat = $"/proc/{File.ReadAllText(Path.Combine(home, "silo.pid")).Trim()}/stat";
    return File.Exists(stat) ? stat : null;
}

// The silo's CPU seconds since before, as JSON: null when the silo could not be found.
string CpuSince(string? statPath, double before) =>
    statPath is null ? "null" : (ProcessCpuSeconds(statPath) - before).ToString("F2", inv);

// User plus system CPU seconds of a process from its /proc stat (fields 14 and 15, in USER_HZ ticks, 100 on Linux).
static double ProcessCpuSeconds(string? statPath)
{
    if (statPath is null)
    {
        return 0;
    }

    var stat = File.ReadAllText(statPath);
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

async Task CheckAsync(JobEvent jobEvent)
{
    if (jobEvent.State is JobState.Error or JobState.Cancelled)
    {
        var info = await client.GetAsync(jobEvent.JobId);
        throw new InvalidOperationException($"job {info.Id} ended {info.State}: {info.Error?.Message}");
    }
}

// One long poll that answers when the job is settled, not one per state change.
async Task WaitAsync(Guid id) => await CheckAsync(await client.WaitUntilSettledAsync(id));

// A job the service completes itself: settled means Acknowledged.
async Task AcknowledgedAsync(JobEvent settled)
{
    await CheckAsync(settled);
    if (settled.State != JobState.Acknowledged)
    {
        throw new InvalidOperationException($"job {settled.JobId} settled {settled.State}, not Acknowledged");
    }
}
