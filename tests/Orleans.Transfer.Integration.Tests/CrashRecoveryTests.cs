using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// The real silo process is SIGKILLed half way through a download and started again; the job must finish on its own
/// (no call to the job between the kill and the end), byte-identical, re-fetching at most about one checkpoint.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const long FileSize = 96L * 1024 * 1024;
    private const long CheckpointBytes = 8L * 1024 * 1024;
    private const long InFlightAllowance = 4L * 1024 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-crash-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Theory]
    [ProfileData]
    public async Task SigkillMidDownload_RestartedSilo_FinishesUnaided(string profile)
    {
        var file = _test.Origin.AddGenerated("big.bin", FileSize, seed: 42);
        file.ThrottleBytesPerSecond = 24L * 1024 * 1024;
        var destination = Path.Combine(_test.Subdirectory("out"), "big.bin");
        await using var silo = new SiloProcess(_test.Subdirectory("home"), await StorageProfiles.EnvironmentForAsync(profile));
        await silo.StartAsync();

        Guid jobId;
        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            var job = await transfer.CreateDownloadJobAsync("crash test");
            jobId = job.Id;

            // One connection: this measures the re-fetch after a checkpoint of one stream (segments have their own test).
            await transfer.SetHttpOptionsAsync(jobId, new HttpOptionsUpdate(Segments: 1));
            await transfer.AddFileAsync(jobId, _test.Origin.UrlFor("big.bin").ToString(), destination);
            await transfer.ResumeAsync(jobId);
            await SiloClients.UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 2), "half the file sent", s_deadline, silo);
        }

        var sentBeforeKill = file.BodyBytesSent;
        await silo.KillAsync();
        file.ThrottleBytesPerSecond = 0;
        var requestsBeforeRestart = file.RangeHeaders.Count;
        await silo.StartAsync();

        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            // Only the catalog is read until the job is done: the job grain must resume without being called.
            await SiloClients.UntilListedAsync(transfer, jobId, JobState.Transferred, s_deadline, silo);

            var resumedFrom = ParseRangeStart(file.RangeHeaders.Skip(requestsBeforeRestart).First());
            var refetched = sentBeforeKill - resumedFrom;
            Assert.True(resumedFrom > 0, "the restarted silo resumed from a checkpoint, not from zero");
            // The origin counts bytes it handed to its socket: up to a few MiB of them were still in loopback's socket
            // buffers and the pipeline's buffers when the silo died, on top of one checkpoint interval.
            Assert.True(refetched <= CheckpointBytes + InFlightAllowance, $"re-fetched {refetched} bytes after the restart; one checkpoint is {CheckpointBytes}");

            var info = await transfer.CompleteAsync(jobId);
            Assert.Equal(JobState.Acknowledged, info.State);
        }

        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
        Assert.Equal(["big.bin"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    /// <summary>
    /// A segmented download (four connections to loopback, which never yields) killed half way resumes every unfinished
    /// segment after the restart, each from its own checkpointed bytes, and ends byte-identical.
    /// </summary>
    [Fact]
    public async Task SigkillMidSegmentedDownload_EveryUnfinishedSegmentResumes()
    {
        var file = _test.Origin.AddGenerated("seg.bin", FileSize, seed: 43);
        file.ThrottleBytesPerSecond = 8L * 1024 * 1024;
        var destination = Path.Combine(_test.Subdirectory("out"), "seg.bin");
        await using var silo = new SiloProcess(_test.Subdirectory("home"), await StorageProfiles.EnvironmentForAsync("Sqlite"));
        await silo.StartAsync();

        Guid jobId;
        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            jobId = (await transfer.CreateDownloadJobAsync("segmented crash test")).Id;
            await transfer.SetHttpOptionsAsync(jobId, new HttpOptionsUpdate(Segments: 4));
            await transfer.AddFileAsync(jobId, _test.Origin.UrlFor("seg.bin").ToString(), destination);
            await transfer.ResumeAsync(jobId);
            await SiloClients.UntilAsync(() => Task.FromResult(file.BodyBytesSent >= FileSize / 2), "half the file sent", s_deadline, silo);
        }

        Assert.Equal(4, file.RangeHeaders.Count);
        await silo.KillAsync();
        file.ThrottleBytesPerSecond = 0;
        var requestsBeforeRestart = file.RangeHeaders.Count;
        await silo.StartAsync();

        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            await SiloClients.UntilListedAsync(transfer, jobId, JobState.Transferred, s_deadline, silo);

            // Every unfinished segment resumed inside itself, none from its start, none twice. A segment may have
            // finished before the kill when the others started late on a loaded machine; with half the file sent at
            // the kill, at least two cannot have.
            var resumed = file.RangeHeaders.Skip(requestsBeforeRestart).Select(ParseRangeStart).ToList();
            var segments = resumed.Select(start => start / (FileSize / 4)).ToList();
            Assert.InRange(resumed.Count, 2, 4);
            Assert.Equal(segments.Count, segments.Distinct().Count());
            Assert.All(resumed, start => Assert.NotEqual(0, start % (FileSize / 4)));

            await transfer.CompleteAsync(jobId);
        }

        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(destination))));
    }

    private static long ParseRangeStart(string? header)
    {
        Assert.NotNull(header);
        var value = header["bytes=".Length..];
        return long.Parse(value[..value.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
