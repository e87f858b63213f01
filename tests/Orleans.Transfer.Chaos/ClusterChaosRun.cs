using System.Diagnostics;
using System.Globalization;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The chaos run in cluster mode: downloads to a shared root, created through different gateways of a three-silo
/// cluster on PostgreSQL, while seeded random SIGKILLs take down a silo running some of them (one at a time, so never
/// all) and restart it with the same home. Then every job must be Transferred, Acknowledged after Complete,
/// byte-identical, listed once, with no temp or stray file left.
/// </summary>
public sealed class ClusterChaosRun(ClusterChaosSettings settings, ChaosLog log)
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_callDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_minimumRetryDelay = TimeSpan.FromSeconds(5);

    private readonly List<string> _problems = [];
    private readonly List<TimeSpan> _recoveries = [];
    private List<ClientSession> _sessions = [];
    private SiloCluster _cluster = null!;
    private int _moved;
    private int _transientResumed;

    public async Task<ClusterChaosResult> RunAsync(string root)
    {
        var clock = Stopwatch.StartNew();
        var form = settings.Form.ToString().ToLowerInvariant();
        log.Line($"chaos-cluster: seed={settings.Seed} form={form} silos={settings.Silos} "
            + $"(replay: {ChaosSettings.SeedVariable}={settings.Seed} {ChaosSettings.FormVariable}={form})");
        var random = new Random(settings.Seed);
        var killRandom = new Random(unchecked((settings.Seed * 31) + 7));
        var output = Directory.CreateDirectory(Path.Combine(root, "out")).FullName;

        await using var origin = await TestOrigin.TestOrigin.StartAsync();
        var plans = PlanJobs(random, origin, output);

        // Each job is paced to last a stretch of time, which holds only if all of them run at once, wherever they land.
        var extra = new Dictionary<string, string>
        {
            ["Transfer__Scheduler__MaxConcurrentForegroundJobs"] = plans.Count.ToString(CultureInfo.InvariantCulture),
        };
        await using var cluster = await SiloCluster.StartAsync(root, settings.Silos, tightProbes: true, extra: extra);
        _cluster = cluster;
        _sessions = [.. cluster.Silos.Select(s => new ClientSession(s, cluster.Silos[0].DataDirectory))];
        try
        {
            log.Line($"chaos-cluster: {settings.Silos} silos up after {clock.Elapsed.TotalSeconds:0.0}s");

            // All jobs exist before the first kill: a create cut by a kill would leave a job nobody knows the id of.
            var jobs = new List<ChaosJob>();
            for (var j = 0; j < plans.Count; j++)
            {
                jobs.Add(await CreateJobAsync(_sessions[j % _sessions.Count], plans[j]));
            }

            await KillLoopAsync(jobs, origin, killRandom);
            await WaitForTransferredAsync(jobs);
            await CompleteAllAsync(jobs);
            var mismatches = await VerifyAsync(jobs, origin, output);

            var summary = new ClusterChaosSummary(
                settings.Form, settings.Seed, jobs.Count, jobs.Sum(j => j.Files.Count), jobs.Sum(j => j.Files.Sum(f => f.Size)),
                settings.Kills, _recoveries, _moved, mismatches, _transientResumed, clock.Elapsed);
            if (_problems.Count > 0)
            {
                _problems.Add($"silo logs: {string.Join(", ", cluster.Silos.Select(s => s.LogPath))}");
            }

            log.Line(summary.ToString());
            return new ClusterChaosResult(summary, _problems);
        }
        finally
        {
            foreach (var session in _sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private List<IReadOnlyList<(OriginFile File, Uri Url, string Destination)>> PlanJobs(Random random, TestOrigin.TestOrigin origin, string output)
    {
        var plans = new List<IReadOnlyList<(OriginFile, Uri, string)>>();
        for (var j = 0; j < settings.Jobs; j++)
        {
            var files = new List<(OriginFile File, Uri Url, string Destination)>();
            var count = random.Next(1, 3);
            for (var f = 0; f < count; f++)
            {
                var name = $"c{j:D3}-f{f}.bin";
                var size = random.NextInt64(settings.FileBytes.Min, settings.FileBytes.Max + 1);
                files.Add((origin.AddGenerated(name, size, random.Next()), origin.UrlFor(name), Path.Combine(output, name)));
            }

            // Pace each job to last a random stretch, so the kills land mid-transfer.
            var duration = settings.JobDuration.Min + ((settings.JobDuration.Max - settings.JobDuration.Min) * random.NextDouble());
            var throttle = (long)(files.Sum(x => x.File.Length) / duration.TotalSeconds);
            foreach (var (file, _, _) in files)
            {
                file.ThrottleBytesPerSecond = throttle;
            }

            plans.Add(files);
        }

        return plans;
    }

    private static async Task<ChaosJob> CreateJobAsync(ClientSession session, IReadOnlyList<(OriginFile File, Uri Url, string Destination)> plan)
    {
        // No retries: nothing is killed yet, and a retried create could make a duplicate.
        var job = await session.CallAsync((c, ct) => c.CreateDownloadJobAsync("chaos-cluster", priority: JobPriority.Foreground, cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.SetPropertiesAsync(job.Id, new JobPropertiesUpdate(MinimumRetryDelay: s_minimumRetryDelay), ct), TimeSpan.Zero);
        var specs = plan.Select(p => new FileSpec(p.Url.ToString(), p.Destination)).ToList();
        await session.CallAsync((c, ct) => c.AddFilesAsync(job.Id, specs, ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), TimeSpan.Zero);
        return new ChaosJob(job.Id, [.. plan.Select(p => new ChaosFile(p.File.Name, p.File.Length, p.Destination))]);
    }

    /// <summary>
    /// Each round: the whole cluster runs a seeded up-time; a seeded pick among the silos running an unfinished job is
    /// SIGKILLed; the round waits until every unfinished job of that silo reaches the origin again from a survivor (the
    /// recovery time), then restarts the killed silo with the same home.
    /// </summary>
    private async Task KillLoopAsync(IReadOnlyList<ChaosJob> jobs, TestOrigin.TestOrigin origin, Random random)
    {
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            var uptime = settings.Uptime.Min + ((settings.Uptime.Max - settings.Uptime.Min) * random.NextDouble());
            var pick = random.Next();
            await Task.Delay(uptime);

            var placement = await RunningJobsBySiloAsync(jobs);
            var candidates = placement.Count > 0 ? [.. placement.Keys.OrderBy(s => s.SiloPort)] : _cluster.Silos.Where(s => s.IsRunning).ToList();
            var victim = candidates[pick % candidates.Count];
            var victimJobs = placement.GetValueOrDefault(victim, []);
            var requestsBefore = victimJobs.ToDictionary(j => j.Id, j => Requests(j, origin));

            var index = _cluster.Silos.ToList().IndexOf(victim);
            await _sessions[index].DisconnectAsync();
            victim.AppendLog($"=== chaos-cluster: SIGKILL {kill}/{settings.Kills} (seed {settings.Seed}), {victimJobs.Count} jobs running here");
            var sinceKill = Stopwatch.StartNew();
            await victim.KillAsync();

            var waiting = requestsBefore.Keys.ToHashSet();
            while (waiting.Count > 0 && sinceKill.Elapsed < settings.RecoverDeadline)
            {
                await Task.Delay(s_pollInterval);
                var transferred = await TransferredAsync();
                waiting.RemoveWhere(id => transferred.Contains(id) || Requests(jobs.Single(j => j.Id == id), origin) > requestsBefore[id]);
            }

            var recovered = sinceKill.Elapsed;
            Report(waiting.Count > 0, $"kill {kill}: {waiting.Count} jobs of the killed silo did not reach the origin again within {settings.RecoverDeadline}: {string.Join(", ", waiting)}");
            _moved += requestsBefore.Count - waiting.Count;
            if (requestsBefore.Count > 0)
            {
                _recoveries.Add(recovered);
            }

            log.Line(string.Create(CultureInfo.InvariantCulture,
                $"chaos-cluster: kill {kill}/{settings.Kills} after {uptime.TotalSeconds:0.0}s up: silo {index} with {victimJobs.Count} running jobs; "
                + $"they reached the origin again from survivors in {recovered.TotalSeconds:0.0}s"));
            var restart = Stopwatch.StartNew();
            await victim.StartAsync();
            log.Line(string.Create(CultureInfo.InvariantCulture, $"chaos-cluster: silo {index} restarted (same home) in {restart.Elapsed.TotalSeconds:0.0}s"));
        }
    }

    /// <summary>Unfinished jobs by the silo their info says runs them (a job not running anywhere is left out).</summary>
    private async Task<Dictionary<SiloProcess, List<ChaosJob>>> RunningJobsBySiloAsync(IReadOnlyList<ChaosJob> jobs)
    {
        var placement = new Dictionary<SiloProcess, List<ChaosJob>>();
        foreach (var job in jobs)
        {
            var info = await CallAsync((c, ct) => c.GetAsync(job.Id, ct));
            if (info.State is JobState.Transferred or JobState.Acknowledged || info.Silo is null)
            {
                continue;
            }

            var silo = _cluster.ByAddress(info.Silo);
            if (silo.IsRunning)
            {
                placement.TryAdd(silo, []);
                placement[silo].Add(job);
            }
        }

        return placement;
    }

    private static int Requests(ChaosJob job, TestOrigin.TestOrigin origin) => job.Files.Sum(f => origin[f.Name].Requests);

    private async Task<HashSet<Guid>> TransferredAsync() =>
        [.. (await CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct))).Where(s => s.State == JobState.Transferred).Select(s => s.Id)];

    private async Task WaitForTransferredAsync(IReadOnlyList<ChaosJob> jobs)
    {
        var clock = Stopwatch.StartNew();
        var ids = jobs.Select(j => j.Id).ToHashSet();
        while (true)
        {
            var listed = await CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct));
            var pending = listed.Where(s => ids.Contains(s.Id) && s.State != JobState.Transferred).ToList();
            if (pending.Count == 0 && listed.Count(s => ids.Contains(s.Id)) == ids.Count)
            {
                return;
            }

            if (clock.Elapsed > settings.FinishDeadline)
            {
                var states = string.Join(", ", pending.Select(s => $"{s.Id} {s.State} {s.Progress.BytesTransferred}/{s.Progress.BytesTotal} B"));
                throw new TimeoutException(
                    $"seed {settings.Seed}: {pending.Count} jobs not Transferred within {settings.FinishDeadline} after the kills: {states}\n"
                    + $"silo logs: {string.Join(", ", _cluster.Silos.Select(s => s.LogPath))}");
            }

            // TransientError is legal to resume, and faster than the retry delay; Error is not expected at all.
            foreach (var job in pending.Where(s => s.State is JobState.TransientError or JobState.Error))
            {
                if (job.State == JobState.Error)
                {
                    var info = await CallAsync((c, ct) => c.GetAsync(job.Id, ct));
                    Report(info.State == JobState.Error, $"job {job.Id} went to Error: {info.Error}");
                }

                _transientResumed++;
                try
                {
                    await CallAsync((c, ct) => c.ResumeAsync(job.Id, ct));
                }
                catch (TransferJobException ex) when (ex.Code == TransferErrorCode.InvalidState)
                {
                    // It moved on by itself between the listing and the resume.
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task CompleteAllAsync(IReadOnlyList<ChaosJob> jobs)
    {
        foreach (var job in jobs)
        {
            try
            {
                await CallAsync((c, ct) => c.CompleteAsync(job.Id, ct));
            }
            catch (TransferJobException ex) when (ex.Code == TransferErrorCode.InvalidState)
            {
                // A retried Complete whose first attempt went through; the verification checks the state.
            }
        }
    }

    private async Task<int> VerifyAsync(IReadOnlyList<ChaosJob> jobs, TestOrigin.TestOrigin origin, string output)
    {
        var listed = await CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct));
        return await ChaosVerification.VerifyAsync(jobs, listed, id => CallAsync((c, ct) => c.GetAsync(id, ct)), origin, output, Report);
    }

    /// <summary>A call through the gateway of some running silo (the session retries on a failed call).</summary>
    private Task<T> CallAsync<T>(Func<ITransferClient, CancellationToken, Task<T>> call)
    {
        var running = _cluster.Silos.Select((s, i) => (s, i)).Where(x => x.s.IsRunning).Select(x => _sessions[x.i]).First();
        return running.CallAsync(call, s_callDeadline);
    }

    private void Report(bool failed, string problem)
    {
        if (failed)
        {
            _problems.Add(problem);
            log.Line($"chaos-cluster: {problem}");
        }
    }
}
