using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>
/// smbd is killed mid-download (its connections drop) and started again on the same port: the job waits in
/// TransientError with its bytes and finishes byte-identical once the server is back.
/// </summary>
[Collection(SmbCollection.Name)]
public sealed class SmbServerRestartTests(SmbSiloFixture fixture)
{
    private const int FileSize = 32 * 1024 * 1024;

    /// <summary>Adds: a server that goes away is transient (TransientError, never Error), the bytes are kept, and the job resumes by itself when it returns.</summary>
    [Fact]
    public async Task SmbdStoppedMidDownload_TransientThenFinishesAfterRestart()
    {
        // Its own password: a credential of its own, so this test does not depend on how the client keys its connections.
        await using var samba = await SambaServer.CreateAsync(password: "Smb-Restart-1");
        var content = SmbJobs.RandomContent(FileSize, seed: 50);
        await samba.PutAsync("restart/big.bin", content);
        var destination = Path.Combine(fixture.NewDirectory("restart"), "big.bin");
        var client = fixture.Client;
        var jobId = await SmbJobs.StartAsync(
            client,
            samba,
            JobType.Download,
            [new FileSpec(samba.Url("restart/big.bin"), destination)],
            maxBytesPerSecond: 8L * 1024 * 1024);
        await SmbJobs.UntilBytesAsync(client, jobId, FileSize / 4, fixture.Silo);

        await samba.StopAsync();
        var failed = await SmbJobs.UntilStateAsync(client, jobId, fixture.Silo, JobState.TransientError, JobState.Error, JobState.Transferred);
        Assert.True(failed.State == JobState.TransientError, $"the job went {failed.State} ({failed.Error?.Code}: {failed.Error?.Message}), not TransientError");
        Assert.True(failed.Progress.BytesTransferred > 0, "the job dropped its bytes when the server went away");

        await samba.StartAsync();
        var lowest = long.MaxValue;
        JobInfo? info = null;
        await SiloClients.UntilAsync(
            async () =>
            {
                info = await client.GetAsync(jobId);
                lowest = Math.Min(lowest, info.Progress.BytesTransferred);
                return info.State is JobState.Transferred or JobState.Error;
            },
            "Transferred after smbd's restart",
            SmbJobs.Deadline,
            fixture.Silo);

        Assert.Equal(JobState.Transferred, info!.State);
        Assert.True(lowest > 0, "the download started again from byte 0 after smbd's restart");
        await client.CompleteAsync(jobId);
        Assert.Equal(SmbJobs.Hash(content), await SmbJobs.HashFileAsync(destination));
    }
}
