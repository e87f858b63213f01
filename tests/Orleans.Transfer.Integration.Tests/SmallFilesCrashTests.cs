using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// A job of many small files, several of them in flight at once with the service's default window, is SIGKILLed with
/// several files part-sent and started again: the job must finish on its own, every file byte-identical, no temporary file left behind.
/// </summary>
public sealed class SmallFilesCrashTests : IAsyncLifetime
{
    private const int FileCount = 48;
    private const long FileSize = 64 * 1024;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    private OriginAndRoot _test = null!;

    public async Task InitializeAsync() => _test = await OriginAndRoot.StartAsync("xfer-small-crash-");

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task SigkillWithSmallFilesInFlight_RestartedSilo_FinishesUnaided_EveryFileIntact()
    {
        // Slow enough that each file is on the wire for a while, so the kill finds several files part-sent at once.
        var files = Enumerable.Range(0, FileCount)
            .Select(i => _test.Origin.AddGenerated($"f{i:D3}.bin", FileSize, seed: 100 + i))
            .ToList();
        // Rates differ from file to file, so the files in flight do not start and finish in lock-step waves.
        for (var i = 0; i < FileCount; i++)
        {
            files[i].ThrottleBytesPerSecond = (96 + (i % 5) * 16) * 1024;
        }
        var output = _test.Subdirectory("out");
        await using var silo = new SiloProcess(_test.Subdirectory("home"), await StorageProfiles.EnvironmentForAsync("Sqlite"));
        await silo.StartAsync();

        Guid jobId;
        int partSent;
        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            var specs = Enumerable.Range(0, FileCount)
                .Select(i => new FileSpec(_test.Origin.UrlFor($"f{i:D3}.bin").ToString(), Path.Combine(output, $"f{i:D3}.bin")))
                .ToList();
            jobId = (await transfer.StartDownloadJobAsync("small files crash test", specs)).Id;
            await SiloClients.UntilAsync(
                () => Task.FromResult(
                    files.Count(f => f.BodyBytesSent >= FileSize) >= FileCount / 4 && files.Count(f => f.BodyBytesSent is > 0 and < FileSize) >= 2),
                "a quarter of the files sent and several part-sent",
                s_deadline,
                silo);

            // Killed at once, before the client is disposed: a slow disposal under load let the rest of the job finish first.
            partSent = files.Count(f => f.BodyBytesSent is > 0 and < FileSize);
            await silo.KillAsync();
        }

        files.ForEach(f => f.ThrottleBytesPerSecond = 0);
        await silo.StartAsync();

        using (var client = await SiloClients.ConnectAsync(silo))
        {
            var transfer = client.Services.GetRequiredService<ITransferClient>();
            // Only the catalog is read until the job is done: the job grain must resume without being called.
            await SiloClients.UntilListedAsync(transfer, jobId, JobState.Transferred, s_deadline, silo);

            var info = await transfer.CompleteAsync(jobId);
            Assert.Equal(JobState.Acknowledged, info.State);
        }

        Assert.True(partSent >= 2, $"{partSent} file(s) were part-sent at the kill; the default window keeps several in flight");
        for (var i = 0; i < FileCount; i++)
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(Path.Combine(output, $"f{i:D3}.bin"))));
            Assert.True(files[i].ComputeSha256() == actual, $"f{i:D3}.bin differs from the origin's");
        }

        Assert.Equal(
            Enumerable.Range(0, FileCount).Select(i => $"f{i:D3}.bin"),
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
