using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// A destination on a small tmpfs: the job must stop in TransientError with a disk-full error, keep what it already
/// has, and finish byte-identical from its checkpoint once the filesystem grows.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long FileSize = 24 * MiB;
    private const long SmallDisk = 8 * MiB;
    private const long LargeDisk = 128 * MiB;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_minimumRetryDelay = TimeSpan.FromSeconds(5);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-diskfull-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [TmpfsFact]
    public async Task DestinationFull_WaitsInTransientError_FinishesFromCheckpointOnceSpaceIsFreed()
    {
        Assert.True(Tmpfs.Unavailable is null, Tmpfs.Unavailable);
        await using var disk = await Tmpfs.MountAsync(SmallDisk);
        var file = _test.Origin.AddGenerated("big.bin", FileSize, seed: 7);
        // Slow enough that a checkpoint (every 2 s) lands before the 8 MiB are used up.
        file.ThrottleBytesPerSecond = 3 * MiB;
        var destination = Path.Combine(disk.Path, "big.bin");
        await using var silo = new SiloProcess(_test.Subdirectory("home"), await StorageProfiles.EnvironmentForAsync("Sqlite"));
        await silo.StartAsync();
        await using var session = new ClientSession(silo);

        var job = await session.CallAsync((c, ct) => c.CreateDownloadJobAsync("disk full", cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.SetPropertiesAsync(job.Id, new JobPropertiesUpdate(MinimumRetryDelay: s_minimumRetryDelay), ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.AddFileAsync(job.Id, _test.Origin.UrlFor("big.bin").ToString(), destination, cancellationToken: ct), TimeSpan.Zero);
        await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), TimeSpan.Zero);

        var full = await UntilAsync(session, job.Id, JobState.TransientError, silo);
        output.WriteLine($"disk full: {full.Error}; checkpoint {full.Progress.BytesTransferred} B");
        Assert.NotNull(full.Error);
        Assert.Equal(TransferErrorCode.DiskFull, full.Error.Code);
        Assert.Equal(ErrorContext.LocalFile, full.Error.Context);
        Assert.Contains("disk is full", full.Error.Message, StringComparison.OrdinalIgnoreCase);
        var kept = full.Progress.BytesTransferred;
        Assert.True(kept > 0, "a checkpoint was made before the disk filled up");
        var temp = Assert.Single(Directory.GetFiles(disk.Path, ".*.xfer-*.tmp"));
        Assert.True(new FileInfo(temp).Length >= kept, $"the temp file ({new FileInfo(temp).Length} B) still holds the checkpoint ({kept} B)");

        await disk.ResizeAsync(LargeDisk);
        var requestsBeforeResume = file.RangeHeaders.Count;
        await session.CallAsync((c, ct) => c.ResumeAsync(job.Id, ct), s_deadline);
        await UntilAsync(session, job.Id, JobState.Transferred, silo);

        var resumedFrom = RangeStart(file.RangeHeaders.Skip(requestsBeforeResume).FirstOrDefault());
        Assert.True(resumedFrom >= kept, $"resumed from byte {resumedFrom}, below the checkpoint of {kept}: downloaded bytes were lost");
        var done = await session.CallAsync((c, ct) => c.CompleteAsync(job.Id, ct), TimeSpan.Zero);
        Assert.Equal(JobState.Acknowledged, done.State);
        await using (var stream = File.OpenRead(destination))
        {
            Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }

        Assert.Equal(["big.bin"], Directory.GetFiles(disk.Path).Select(Path.GetFileName));
    }

    private static long RangeStart(string? header)
    {
        Assert.NotNull(header);
        var value = header["bytes=".Length..];
        return long.Parse(value[..value.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    private static async Task<JobInfo> UntilAsync(ClientSession session, Guid jobId, JobState state, SiloProcess silo)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var info = await session.CallAsync((c, ct) => c.GetAsync(jobId, ct), s_deadline);
            if (info.State == state)
            {
                return info;
            }

            if (clock.Elapsed > s_deadline)
            {
                throw new TimeoutException($"job {jobId} never reached {state} within {s_deadline} (now {info.State}, {info.Error}); silo log:\n{silo.ReadLog()}");
            }

            await Task.Delay(s_pollInterval);
        }
    }
}
