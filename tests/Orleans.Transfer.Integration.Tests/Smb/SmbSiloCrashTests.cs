using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Client;
using Orleans.Transfer.Testing.Samba;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>
/// The real silo process is SIGKILLed half way through a download from a real Samba share and started again: the job
/// finishes on its own, byte-identical, and smbd's own counters show how much was read twice.
/// </summary>
public sealed class SmbSiloCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FileSize = 64 * 1024 * 1024;
    private const long CheckpointBytes = 8L * 1024 * 1024;

    // Reads the transport had asked for when it died but had not yet checkpointed, beyond one checkpoint.
    private const long InFlightBytes = 4L * 1024 * 1024;

    private readonly string _root = Directory.CreateTempSubdirectory("xfer-smb-crash-").FullName;
    private SambaServer _samba = null!;

    public async Task InitializeAsync() => _samba = await SambaServer.CreateAsync();

    public async Task DisposeAsync()
    {
        await _samba.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Adds: SMB downloads survive a crash: resumed from the checkpoint (not from zero) with no call to the job, byte-identical.</summary>
    [Theory]
    [ProfileData]
    public async Task SigkillMidDownload_RestartedSilo_FinishesUnaided(string profile)
    {
        var content = SmbJobs.RandomContent(FileSize, seed: 60);
        await _samba.PutAsync("crash/big.bin", content);
        var destination = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "out")).FullName, "big.bin");
        await using var silo = new SiloProcess(
            Directory.CreateDirectory(Path.Combine(_root, "home")).FullName,
            await StorageProfiles.EnvironmentForAsync(profile, "smbcrash"));
        await silo.StartAsync();

        Guid jobId;
        using (var host = await SiloClients.ConnectAsync(silo))
        {
            var client = host.Services.GetRequiredService<ITransferClient>();
            jobId = await SmbJobs.StartAsync(
                client,
                _samba,
                JobType.Download,
                [new FileSpec(_samba.Url("crash/big.bin"), destination)],
                maxBytesPerSecond: 16L * 1024 * 1024);
            await SmbJobs.UntilBytesAsync(client, jobId, FileSize / 2, silo);
        }

        await silo.KillAsync();
        await silo.StartAsync();

        using (var host = await SiloClients.ConnectAsync(silo))
        {
            var client = host.Services.GetRequiredService<ITransferClient>();
            // Only the catalog is read until the job is done: the job grain must resume without being called.
            await SiloClients.UntilListedAsync(client, jobId, JobState.Transferred, SmbJobs.Deadline, silo);
            Assert.Equal(JobState.Acknowledged, (await client.CompleteAsync(jobId)).State);
        }

        var refetched = await _samba.BytesReadAsync() - FileSize;
        output.WriteLine($"smbd read {refetched} bytes twice ({profile})");
        Assert.True(refetched < FileSize / 2, $"smbd read {refetched} bytes twice: the restarted silo started the file again");
        Assert.True(refetched <= CheckpointBytes + InFlightBytes, $"smbd read {refetched} bytes twice; one checkpoint is {CheckpointBytes}");
        Assert.Equal(SmbJobs.Hash(content), await SmbJobs.HashFileAsync(destination));
        Assert.Equal(["big.bin"], Directory.GetFileSystemEntries(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }
}
