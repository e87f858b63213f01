using Orleans.Transfer.Client;
using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>Downloads from a real Samba share through the real silo process, with the job's server credential.</summary>
[Collection(SmbCollection.Name)]
public sealed class SmbDownloadTests(SmbSiloFixture fixture)
{
    private static readonly DateTime s_sourceTime = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    private ITransferClient Client => fixture.Client;

    /// <summary>Adds: tens of MiB of random content arrive byte-identical, and the destination gets the source's last-write time (B47).</summary>
    [Fact]
    public async Task Download_RandomContent_ByteIdenticalWithSourceLastWriteTime()
    {
        var content = SmbJobs.RandomContent(24 * 1024 * 1024, seed: 1);
        var source = await fixture.Samba.PutAsync("down/big.bin", content);
        File.SetLastWriteTimeUtc(source, s_sourceTime);
        var destination = Path.Combine(fixture.NewDirectory("down"), "big.bin");

        var jobId = await SmbJobs.StartAsync(Client, fixture.Samba, JobType.Download, [new FileSpec(fixture.Samba.Url("down/big.bin"), destination)]);
        var info = await SmbJobs.UntilStateAsync(Client, jobId, fixture.Silo, JobState.Transferred, JobState.Error);

        Assert.Equal(JobState.Transferred, info.State);
        Assert.Equal(content.Length, info.Progress.BytesTotal);
        Assert.Equal(JobState.Acknowledged, (await Client.CompleteAsync(jobId)).State);
        Assert.Equal(SmbJobs.Hash(content), await SmbJobs.HashFileAsync(destination));
        Assert.Equal(s_sourceTime, File.GetLastWriteTimeUtc(destination));
        Assert.Equal(["big.bin"], Directory.GetFileSystemEntries(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    /// <summary>Adds: the library's thread-safety through the whole service: three SMB jobs transferring at once, all byte-identical.</summary>
    [Fact]
    public async Task ThreeJobsAtOnce_AllByteIdentical()
    {
        var directory = fixture.NewDirectory("three");
        var jobs = new List<(Guid Id, byte[] Content, string Destination)>();
        for (var i = 0; i < 3; i++)
        {
            var content = SmbJobs.RandomContent(16 * 1024 * 1024, seed: 10 + i);
            await fixture.Samba.PutAsync($"three/f{i}.bin", content);
            jobs.Add((Guid.Empty, content, Path.Combine(directory, $"f{i}.bin")));
        }

        // Throttled enough that the three run side by side, fast enough that their reads interleave densely.
        var started = await Task.WhenAll(jobs.Select((job, i) => SmbJobs.StartAsync(
            Client,
            fixture.Samba,
            JobType.Download,
            [new FileSpec(fixture.Samba.Url($"three/f{i}.bin"), job.Destination)],
            maxBytesPerSecond: 24L * 1024 * 1024)));

        foreach (var (jobId, (_, content, destination)) in started.Zip(jobs))
        {
            var info = await SmbJobs.UntilStateAsync(Client, jobId, fixture.Silo, JobState.Transferred, JobState.Error);
            Assert.Equal(JobState.Transferred, info.State);
            await Client.CompleteAsync(jobId);
            Assert.Equal(SmbJobs.Hash(content), await SmbJobs.HashFileAsync(destination));
        }
    }

    /// <summary>Adds: B64 change detection: the file changes on the share mid-download (size and last-write time), the file restarts and ends with the new content.</summary>
    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    public async Task FileChangedMidDownload_RestartsWithNewContent(int newSizeMiB)
    {
        var name = $"changed/{newSizeMiB}.bin";
        var source = await fixture.Samba.PutAsync(name, SmbJobs.RandomContent(8 * 1024 * 1024, seed: 20));
        File.SetLastWriteTimeUtc(source, s_sourceTime);
        var destination = Path.Combine(fixture.NewDirectory("changed"), "f.bin");
        var jobId = await SmbJobs.StartAsync(
            Client,
            fixture.Samba,
            JobType.Download,
            [new FileSpec(fixture.Samba.Url(name), destination)],
            maxBytesPerSecond: 2L * 1024 * 1024);
        await SmbJobs.UntilBytesAsync(Client, jobId, 2L * 1024 * 1024, fixture.Silo);

        // Rewritten in place, as an editor saving a new version would: new size, new content, new last-write time. Never
        // empty in between: a reader that retried while the file was still empty took that as the new version, and the
        // job ended Transferred with 0 bytes (SambaServer.Rewrite says why).
        var newContent = SmbJobs.RandomContent(newSizeMiB * 1024 * 1024, seed: 21);
        fixture.Samba.Rewrite(name, newContent);
        File.SetLastWriteTimeUtc(source, s_sourceTime.AddHours(1));
        await Client.SetMaxBytesPerSecondAsync(jobId, null);

        var info = await SmbJobs.UntilStateAsync(Client, jobId, fixture.Silo, JobState.Transferred, JobState.Error);
        Assert.Equal(JobState.Transferred, info.State);
        Assert.Equal(newContent.Length, info.Progress.BytesTotal);
        await Client.CompleteAsync(jobId);
        Assert.Equal(SmbJobs.Hash(newContent), await SmbJobs.HashFileAsync(destination));
    }

    /// <summary>Adds: two servers on one host, on different ports, with the same user and password: each job reads its own server's file, never a connection to the other.</summary>
    [Fact]
    public async Task TwoServersOnOneHost_SameCredential_EachJobReadsItsOwnServer()
    {
        await using var other = await SambaServer.CreateAsync(fixture.Samba.Password);
        var mine = SmbJobs.RandomContent(1024 * 1024, seed: 70);
        var theirs = SmbJobs.RandomContent(1024 * 1024, seed: 71);
        await fixture.Samba.PutAsync("ports/f.bin", mine);
        await other.PutAsync("ports/f.bin", theirs);
        var directory = fixture.NewDirectory("ports");

        var first = await SmbJobs.StartAsync(Client, fixture.Samba, JobType.Download, [new FileSpec(fixture.Samba.Url("ports/f.bin"), Path.Combine(directory, "mine.bin"))]);
        Assert.Equal(JobState.Transferred, (await SmbJobs.UntilStateAsync(Client, first, fixture.Silo, JobState.Transferred, JobState.Error)).State);
        var second = await SmbJobs.StartAsync(Client, other, JobType.Download, [new FileSpec(other.Url("ports/f.bin"), Path.Combine(directory, "theirs.bin"))]);
        Assert.Equal(JobState.Transferred, (await SmbJobs.UntilStateAsync(Client, second, fixture.Silo, JobState.Transferred, JobState.Error)).State);

        await Client.CompleteAsync(first);
        await Client.CompleteAsync(second);
        Assert.Equal(SmbJobs.Hash(mine), await SmbJobs.HashFileAsync(Path.Combine(directory, "mine.bin")));
        Assert.Equal(SmbJobs.Hash(theirs), await SmbJobs.HashFileAsync(Path.Combine(directory, "theirs.bin")));
    }

    /// <summary>Adds: a refused password is fatal (Error, not a retry loop) with the authentication code and a message that says so, the password nowhere.</summary>
    [Fact]
    public async Task WrongPassword_ErrorWithAuthenticationCode()
    {
        const string WrongPassword = "Wrong-Pass-7319";
        await fixture.Samba.PutAsync("auth/f.bin", SmbJobs.RandomContent(64 * 1024, seed: 30));
        var destination = Path.Combine(fixture.NewDirectory("auth"), "f.bin");

        var jobId = await SmbJobs.StartAsync(
            Client,
            fixture.Samba,
            JobType.Download,
            [new FileSpec(fixture.Samba.Url("auth/f.bin"), destination)],
            password: WrongPassword);
        var info = await SmbJobs.UntilStateAsync(Client, jobId, fixture.Silo, JobState.Error, JobState.TransientError, JobState.Transferred);

        Assert.Equal(JobState.Error, info.State);
        Assert.NotNull(info.Error);
        Assert.Equal(TransferErrorCode.AuthenticationRequired, info.Error.Code);
        Assert.Matches("(?i)authenticat|logon|credential|password", info.Error.Message);
        Assert.DoesNotContain(WrongPassword, info.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, fixture.Silo.ReadLog(), StringComparison.Ordinal);
        Assert.False(File.Exists(destination));
        await Client.CancelAsync(jobId);
    }
}
