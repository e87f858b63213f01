using System.Diagnostics;
using System.Globalization;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// One chaos run: jobs of mixed sizes against a faulty origin while the real silo is SIGKILLed and restarted at seeded
/// random times; then every job must be Transferred, complete, byte-identical, listed once, and agree with the catalog.
/// </summary>
public sealed class ChaosRun(ChaosSettings settings, string profile, ChaosLog log)
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;
    private const long MinimumThrottle = 8 * KiB;
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_callDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_minimumRetryDelay = TimeSpan.FromSeconds(5);

    private readonly List<string> _problems = [];
    private readonly HashSet<Guid> _reportedErrors = [];
    private int _errorsResumed;
    private int _siloExits;
    private int _postgresRestarts;

    public async Task<ChaosResult> RunAsync(string root)
    {
        var clock = Stopwatch.StartNew();
        log.Line($"chaos: seed={settings.Seed} form={settings.Form.ToString().ToLowerInvariant()} profile={profile} "
            + $"(replay: {ChaosSettings.SeedVariable}={settings.Seed} {ChaosSettings.FormVariable}={settings.Form.ToString().ToLowerInvariant()})");
        var random = new Random(settings.Seed);
        var killRandom = new Random(unchecked((settings.Seed * 31) + 7));
        var output = Directory.CreateDirectory(Path.Combine(root, "out")).FullName;

        await using var origin = await TestOrigin.TestOrigin.StartAsync();
        var plans = PlanJobs(random, origin, output);
        var faults = new FaultPlan(settings.FaultRate, unchecked((settings.Seed * 17) + 3), settings.Faults);
        origin.Faults = faults;

        IReadOnlyDictionary<string, string> environment = new Dictionary<string, string>(await StorageProfiles.EnvironmentForAsync(profile, "chaos"))
        {
            // Each Foreground job is paced to last a stretch of up-time, which holds only if all of them run at once.
            ["Transfer__Scheduler__MaxConcurrentForegroundJobs"] = plans.Count.ToString(CultureInfo.InvariantCulture),
        };
        await using var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(root, "home")).FullName, environment);
        await silo.StartAsync();
        await using var session = new ClientSession(silo);

        // All jobs exist before the first kill: a create cut by a kill would leave a job nobody knows the id of.
        var jobs = new List<ChaosJob>();
        foreach (var plan in plans)
        {
            jobs.Add(await CreateJobAsync(session, plan));
        }

        var kills = await KillLoopAsync(silo, session, jobs, killRandom, environment);
        await WaitForTransferredAsync(silo, session, jobs);
        await CompleteAllAsync(session, jobs);
        var mismatches = await VerifyAsync(session, jobs, origin, output);

        var summary = new ChaosSummary(
            profile, settings.Form, settings.Seed, jobs.Count, jobs.Sum(j => j.Files.Count), jobs.Sum(j => j.Files.Sum(f => f.Size)),
            kills, faults.Injected, mismatches, faults.Describe(), _errorsResumed, _siloExits, _postgresRestarts, clock.Elapsed);
        if (_problems.Count > 0)
        {
            var kept = Path.Combine(Path.GetTempPath(), $"xfer-chaos-{settings.Seed}-{profile}.log");
            File.Copy(silo.LogPath, kept, overwrite: true);
            _problems.Add($"silo log kept at {kept}");
        }

        log.Line(summary.ToString());
        return new ChaosResult(summary, _problems);
    }

    private List<IReadOnlyList<(OriginFile File, Uri Url, string Destination)>> PlanJobs(Random random, TestOrigin.TestOrigin origin, string output)
    {
        var plans = new List<IReadOnlyList<(OriginFile, Uri, string)>>();
        for (var j = 0; j < settings.Jobs; j++)
        {
            var files = new List<(OriginFile File, Uri Url, string Destination)>();
            var count = random.Next(1, 6);
            for (var f = 0; f < count; f++)
            {
                // The first two jobs pin both ends of the size range.
                var size = (j, f) switch
                {
                    (0, 0) => 0,
                    (1, 0) => settings.MaxFileBytes,
                    _ => NextSize(random),
                };
                var name = $"j{j:D3}-f{f}.bin";
                files.Add((origin.AddGenerated(name, size, random.Next()), origin.UrlFor(name), Path.Combine(output, name)));
            }

            // Pace each job to last a random stretch of silo up-time, so kills land mid-transfer whatever its size.
            var duration = Between(random, settings.JobDuration);
            var throttle = Math.Max(MinimumThrottle, (long)(files.Sum(x => x.File.Length) / duration.TotalSeconds));
            foreach (var (file, _, _) in files)
            {
                file.ThrottleBytesPerSecond = throttle;
            }

            plans.Add(files);
        }

        return plans;
    }

    private long NextSize(Random random)
    {
        var max = settings.MaxFileBytes;
        var large = Math.Max(2 * MiB, max / 4);
        return random.NextDouble() switch
        {
            < 0.08 => 0,
            < 0.35 => random.NextInt64(1, 64 * KiB),
            < 0.75 => random.NextInt64(64 * KiB, MiB),
            < 0.95 => random.NextInt64(MiB, Math.Min(large, max) + 1),
            _ => random.NextInt64(Math.Min(large, max), max + 1),
        };
    }

    private static TimeSpan Between(Random random, (TimeSpan Min, TimeSpan Max) range) =>
        range.Min + ((range.Max - range.Min) * random.NextDouble());

    private static async Task<ChaosJob> CreateJobAsync(ClientSession session, IReadOnlyList<(OriginFile File, Uri Url, string Destination)> plan)
    {
        // No retries: the silo is not being killed yet, and a retried create could make a duplicate. Foreground: each job
        // is paced to last a stretch of silo up-time, which only holds if all of them transfer at once (background jobs
        // would take turns two at a time; the run raises the Foreground limit to the number of jobs).
        var job = await session.CallAsync((c, ct) => c.CreateDownloadJobAsync("chaos", priority: JobPriority.Foreground, cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.SetPropertiesAsync(job.Id, new JobPropertiesUpdate(MinimumRetryDelay: s_minimumRetryDelay), ct), TimeSpan.Zero);
        var specs = plan.Select(p => new FileSpec(p.Url.ToString(), p.Destination)).ToList();
        await session.CallAsync((c, ct) => c.AddFilesAsync(job.Id, specs, ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), TimeSpan.Zero);
        return new ChaosJob(job.Id, [.. plan.Select(p => new ChaosFile(p.File.Name, p.File.Length, p.Destination))]);
    }

    private async Task<int> KillLoopAsync(
        SiloProcess silo, ClientSession session, IReadOnlyList<ChaosJob> jobs, Random random, IReadOnlyDictionary<string, string> environment)
    {
        var postgresData = settings.RestartPostgres && environment.TryGetValue("XFER_POSTGRES", out var connection)
            ? PostgresServer.DataDirectoryFor(connection)
            : null;
        if (settings.RestartPostgres && profile == "PostgreSql" && postgresData is null)
        {
            log.Line("chaos: PostgreSQL is not the throwaway server of scripts/postgres.sh; it is not restarted");
        }

        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            var uptime = Between(random, settings.Uptime);
            using (var window = new CancellationTokenSource(uptime))
            {
                if (postgresData is not null && kill == (settings.Kills / 2) + 1)
                {
                    silo.AppendLog("=== chaos: restarting PostgreSQL");
                    await PostgresServer.RestartAsync(postgresData);
                    _postgresRestarts++;
                }

                // Clients act while the silo runs, so kills also land mid-call; a call cut short is simply dropped.
                try
                {
                    await NudgeAsync(silo, session, jobs, window.Token);
                    await Task.Delay(Timeout.InfiniteTimeSpan, window.Token);
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                    // The up-time is over.
                }
            }

            await session.DisconnectAsync();
            if (!silo.IsRunning)
            {
                _siloExits++;
                log.Line($"chaos: the silo exited on its own before kill {kill}");
            }

            silo.AppendLog($"=== chaos: SIGKILL {kill}/{settings.Kills} (seed {settings.Seed})");
            await silo.KillAsync();
            await silo.StartAsync();
        }

        return settings.Kills;
    }

    private async Task WaitForTransferredAsync(SiloProcess silo, ClientSession session, IReadOnlyList<ChaosJob> jobs)
    {
        var clock = Stopwatch.StartNew();
        var ids = jobs.Select(j => j.Id).ToHashSet();
        while (true)
        {
            if (!silo.IsRunning)
            {
                _siloExits++;
                log.Line("chaos: the silo exited on its own; starting it again");
                await silo.StartAsync();
            }

            var listed = await session.CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct), s_callDeadline);
            var pending = listed.Where(s => ids.Contains(s.Id) && s.State != JobState.Transferred).ToList();
            if (pending.Count == 0 && listed.Count(s => ids.Contains(s.Id)) == ids.Count)
            {
                return;
            }

            if (clock.Elapsed > settings.FinishDeadline)
            {
                var states = string.Join(", ", pending.GroupBy(s => s.State).Select(g => $"{g.Key}={g.Count()}"));
                var details = new List<string>();
                foreach (var stuck in pending.Take(5))
                {
                    var info = await session.CallAsync((c, ct) => c.GetAsync(stuck.Id, ct), s_callDeadline);
                    details.Add($"{info.Id} {info.State} {info.Progress.BytesTransferred}/{info.Progress.BytesTotal} B error: {info.Error?.Message}");
                    var id = info.Id.ToString();
                    details.AddRange(silo.ReadLog().Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal)).TakeLast(15).Select(l => "    " + l));
                }

                throw new TimeoutException(
                    $"seed {settings.Seed}: {pending.Count} jobs not Transferred within {settings.FinishDeadline} after the kills ({states}):\n"
                    + $"{string.Join('\n', details)}\nsilo log: {silo.LogPath}");
            }

            await NudgeAsync(silo, session, jobs, CancellationToken.None);
            await Task.Delay(s_pollInterval);
        }
    }

    /// <summary>
    /// Resumes jobs in TransientError (legal, and faster than MinimumRetryDelay) and in Error. Error is expected only
    /// from an injected redirect loop; any other error is a problem, resumed anyway so the run can go on.
    /// </summary>
    private async Task NudgeAsync(SiloProcess silo, ClientSession session, IReadOnlyList<ChaosJob> jobs, CancellationToken cancellationToken)
    {
        var ids = jobs.Select(j => j.Id).ToHashSet();
        var deadline = cancellationToken.CanBeCanceled ? TimeSpan.MaxValue : s_callDeadline;
        var listed = await session.CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct), deadline, cancellationToken);
        foreach (var job in listed.Where(s => ids.Contains(s.Id) && s.State is JobState.TransientError or JobState.Error))
        {
            if (job.State == JobState.Error)
            {
                var info = await session.CallAsync((c, ct) => c.GetAsync(job.Id, ct), deadline, cancellationToken);
                if (info.State != JobState.Error)
                {
                    continue;
                }

                _errorsResumed++;
                if (info.Error is not { HttpStatus: 301 or 302 or 303 or 307 or 308 } && _reportedErrors.Add(job.Id))
                {
                    var problem = $"job {job.Id} went to Error, not from an injected redirect loop: {info.Error}";
                    _problems.Add(problem);
                    log.Line($"chaos: {problem}");
                    silo.AppendLog($"=== chaos: {problem}");
                }
            }

            try
            {
                await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), deadline, cancellationToken);
            }
            catch (TransferJobException ex) when (ex.Code == TransferErrorCode.InvalidState)
            {
                // It moved on by itself between the listing and the resume.
            }
        }
    }

    private static async Task CompleteAllAsync(ClientSession session, IReadOnlyList<ChaosJob> jobs)
    {
        foreach (var job in jobs)
        {
            try
            {
                await session.CallAsync((c, ct) => c.CompleteAsync(job.Id, ct), s_callDeadline);
            }
            catch (TransferJobException ex) when (ex.Code == TransferErrorCode.InvalidState)
            {
                // A retried Complete whose first attempt went through; the verification checks the state.
            }
        }
    }

    private async Task<int> VerifyAsync(ClientSession session, IReadOnlyList<ChaosJob> jobs, TestOrigin.TestOrigin origin, string output)
    {
        var listed = await session.CallAsync((c, ct) => c.ListAsync(new JobListQuery(null, IncludeFinal: true), ct), s_callDeadline);
        return await ChaosVerification.VerifyAsync(jobs, listed, id => session.CallAsync((c, ct) => c.GetAsync(id, ct), s_callDeadline), origin, output, Report);
    }

    private void Report(bool failed, string problem)
    {
        if (failed)
        {
            _problems.Add(problem);
            log.Line($"chaos: {problem}");
        }
    }
}
