using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>Upload jobs to a real Samba share: written under a hidden temporary name and renamed when complete.</summary>
[Collection(SmbCollection.Name)]
public sealed class SmbUploadTests(SmbSiloFixture fixture)
{
    private const long Rate = 4L * 1024 * 1024;

    private ITransferClient Client => fixture.Client;

    /// <summary>Adds: an upload arrives byte-identical, written under a temporary name, and the final name never holds a partial file.</summary>
    [Fact]
    public async Task Upload_ToShare_ByteIdenticalAndNeverPartialUnderFinalName()
    {
        var content = SmbJobs.RandomContent(12 * 1024 * 1024, seed: 40);
        var source = Path.Combine(fixture.NewDirectory("up"), "x.bin");
        await File.WriteAllBytesAsync(source, content);
        await fixture.Samba.CreateDirectoryAsync("up");
        await fixture.Samba.CreateDirectoryAsync("up/dir");
        var final = fixture.Samba.LocalPath("up/dir/x");

        var jobId = await SmbJobs.StartAsync(Client, fixture.Samba, JobType.Upload, [new FileSpec(fixture.Samba.Url("up/dir/x"), source)], Rate);
        var sawTemporary = false;
        JobInfo? info = null;
        await SiloClients.UntilAsync(
            async () =>
            {
                // The rename comes just before the job records Transferred, so the final name may show up a moment
                // earlier; what must never be seen there is a partial file.
                var seen = new FileInfo(final);
                sawTemporary |= !seen.Exists && Directory.GetFiles(Path.GetDirectoryName(final)!).Length > 0;
                info = await Client.GetAsync(jobId);
                Assert.False(seen.Exists && seen.Length != content.Length, $"'{final}' holds {(seen.Exists ? seen.Length : 0)} of {content.Length} bytes while the job is {info.State}");
                return info.State is JobState.Transferred or JobState.Error;
            },
            "the upload Transferred",
            SmbJobs.Deadline,
            fixture.Silo);

        Assert.Equal(JobState.Transferred, info!.State);
        Assert.True(sawTemporary, "no poll saw the temporary file without the final name while the upload ran");
        Assert.Equal(JobState.Acknowledged, (await Client.CompleteAsync(jobId)).State);
        Assert.Equal(SmbJobs.Hash(content), await SmbJobs.HashFileAsync(final));
        Assert.Equal(["x"], Directory.GetFileSystemEntries(Path.GetDirectoryName(final)!).Select(Path.GetFileName));
    }

    /// <summary>Adds: Cancel of an unfinished upload removes its temporary file from the share, and the final name never appears.</summary>
    [Fact]
    public async Task UploadCancelled_LeavesNothingOnTheShare()
    {
        var source = Path.Combine(fixture.NewDirectory("upcancel"), "x.bin");
        await File.WriteAllBytesAsync(source, SmbJobs.RandomContent(12 * 1024 * 1024, seed: 41));
        var directory = await fixture.Samba.CreateDirectoryAsync("upcancel");

        var jobId = await SmbJobs.StartAsync(Client, fixture.Samba, JobType.Upload, [new FileSpec(fixture.Samba.Url("upcancel/x"), source)], Rate);
        await SmbJobs.UntilBytesAsync(Client, jobId, 2L * 1024 * 1024, fixture.Silo);
        Assert.NotEmpty(Directory.GetFiles(directory));

        Assert.Equal(JobState.Cancelled, (await Client.CancelAsync(jobId)).State);
        await SiloClients.UntilAsync(() => Task.FromResult(Directory.GetFileSystemEntries(directory).Length == 0), "the share's directory empty after Cancel", SmbJobs.Deadline, fixture.Silo);
    }
}
