using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Tests.Digests;

/// <summary>
/// A file's expected digest through the real grain, worker and origin: refused at add time when unusable, kept in the
/// job, shown by job info as verified once the file matched, and a job whose file mismatches twice goes to Error with
/// ContentDigestMismatch.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DigestJobTests(ClusterFixture fixture)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task MatchingDigest_IsShownExpected_ThenVerified()
    {
        var (url, file) = AddOriginFile(MiB + 11);
        var hex = file.ComputeSha256();
        var job = await fixture.NewJobAsync("digest matches");

        var added = await job.AddFilesAsync([new FileSpec(url, fixture.NewDestination(), Digest: new ContentDigest(DigestAlgorithm.Sha256, hex.ToUpperInvariant()))]);

        Assert.Equal(new JobFileDigest(DigestAlgorithm.Sha256, hex, Verified: false), added.Files[0].Digest);
        await job.ResumeAsync();
        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.Equal(new JobFileDigest(DigestAlgorithm.Sha256, hex, Verified: true), transferred.Files[0].Digest);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task Digest_IsKeptInTheStoredJob_AcrossASiloRestart_AndVerifiedAfterIt()
    {
        var (url, file) = AddOriginFile(1000);
        var hex = file.ComputeSha256();
        var job = await fixture.NewJobAsync("digest stored");
        await job.AddFilesAsync([new FileSpec(url, fixture.NewDestination(), Digest: new ContentDigest(DigestAlgorithm.Sha256, hex))]);

        await fixture.RestartSiloAsync();

        var kept = await Poll.ReconnectedAsync(job);
        Assert.Equal(new JobFileDigest(DigestAlgorithm.Sha256, hex, Verified: false), kept.Files[0].Digest);
        await job.ResumeAsync();
        var transferred = await JobWaits.StateAsync(job, JobState.Transferred);
        Assert.True(transferred.Files[0].Digest!.Verified);
        await job.CompleteAsync();
    }

    [Fact]
    public async Task FileWithoutDigest_ShowsNone()
    {
        var (url, _) = AddOriginFile(1000);
        var job = await fixture.NewJobAsync("no digest");

        var added = await job.AddFilesAsync([new FileSpec(url, fixture.NewDestination())]);

        Assert.Null(added.Files[0].Digest);
        await job.CancelAsync();
    }

    [Fact]
    public async Task WrongDigest_MismatchesTwice_JobGoesToErrorWithTheCode()
    {
        var (url, file) = AddOriginFile(MiB);
        var wrong = GeneratedContent.ComputeSha256(MiB, seed: 99);
        var job = await fixture.NewJobAsync("digest mismatches");
        await job.AddFilesAsync([new FileSpec(url, fixture.NewDestination(), Digest: new ContentDigest(DigestAlgorithm.Sha256, wrong))]);

        await job.ResumeAsync();
        var failed = await JobWaits.StateAsync(job, JobState.Error);

        var error = failed.Error!;
        Assert.Equal((TransferErrorCode.ContentDigestMismatch, ErrorContext.RemoteFile, 0), (error.Code, error.Context, error.FileIndex));
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(file.ComputeSha256(), error.Message, StringComparison.Ordinal);
        Assert.Contains("the caller", error.Message, StringComparison.Ordinal);
        Assert.Equal(new JobFileDigest(DigestAlgorithm.Sha256, wrong, Verified: false), failed.Files[0].Digest);
        Assert.Equal(0, failed.Files[0].BytesTransferred);
        Assert.Equal(2, file.Requests);
        await job.CancelAsync();
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256, "abc", "64 hexadecimal digits")]
    [InlineData(DigestAlgorithm.Sha256, "zz00000000000000000000000000000000000000000000000000000000000000", "not all hexadecimal")]
    [InlineData(DigestAlgorithm.Sha512, "0000000000000000000000000000000000000000000000000000000000000000", "128 hexadecimal digits")]
    [InlineData((DigestAlgorithm)7, "00", "not a digest algorithm")]
    public async Task UnusableDigest_IsRefusedNamingTheField_AndNothingIsAdded(DigestAlgorithm algorithm, string hex, string why)
    {
        var (url, _) = AddOriginFile(1000);
        var job = await fixture.NewJobAsync("bad digest");

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => job.AddFilesAsync([new FileSpec(url, fixture.NewDestination(), Digest: new ContentDigest(algorithm, hex))]));

        Assert.Equal((TransferErrorCode.InvalidArgument, "files[0].digest"), (error.Code, error.Field));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Empty((await job.GetInfoAsync()).Files);
        await job.CancelAsync();
    }

    [Fact]
    public async Task DigestWithRanges_IsRefused_SayingWhy()
    {
        var (url, file) = AddOriginFile(1000);
        var job = await fixture.NewJobAsync("digest and ranges");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => job.AddFilesAsync(
            [new FileSpec(url, fixture.NewDestination(), [new ByteRange(0, 10)], new ContentDigest(DigestAlgorithm.Sha256, file.ComputeSha256()))]));

        Assert.Equal((TransferErrorCode.InvalidArgument, "files[0].digest"), (error.Code, error.Field));
        Assert.Contains("byte ranges", error.Message, StringComparison.Ordinal);
        Assert.Empty((await job.GetInfoAsync()).Files);
        await job.CancelAsync();
    }

    private (string Url, OriginFile File) AddOriginFile(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, length, seed: name.GetHashCode(StringComparison.Ordinal));
        return (fixture.Origin.UrlFor(name).ToString(), file);
    }
}
