using System.Globalization;
using Orleans.Transfer.Http;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Tests.ContentCache;

/// <summary>
/// The content cache through the real grain, worker, block store and a real origin that counts the body bytes it
/// served: many jobs for one URL fetch it once and all get identical files; a changed validator, credentials, custom
/// headers and responses that may not be shared go to the origin every time and leave the store alone; a corrupted
/// block is caught and the file is still right; the store stays under its cap, least recently used out first.
/// </summary>
[Collection(ContentCacheCollection.Name)]
public sealed class ContentCacheTests(ContentCacheFixture fixture)
{
    private const int MiB = 1024 * 1024;
    private const long Length = (3 * MiB) + 12_345;

    [Fact]
    public async Task TwentyJobs_ForOneUrl_TheOriginServesItOnce_AndEveryFileIsIdentical()
    {
        var (url, file) = AddFile(Length);

        // Slow enough that most copiers wait for blocks while the filler is still fetching them.
        file.ThrottleBytesPerSecond = 8 * MiB;
        var jobs = new List<(ITransferJobGrain Job, string Destination)>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add(await fixture.StartAsync(url));
        }

        var files = await Task.WhenAll(jobs.Select(j => ContentCacheFixture.FinishAsync(j.Job, j.Destination)));

        Assert.Equal(Length, file.BodyBytesSent);
        var expected = file.Read(0, (int)Length);
        Assert.All(files, bytes => Assert.Equal(expected, bytes));

        // Copies take the origin's Last-Modified as the filler's file does (B47).
        Assert.Single(jobs.Select(j => File.GetLastWriteTimeUtc(j.Destination)).Distinct());
    }

    [Fact]
    public async Task ChangedValidator_IsANewContent_FetchedAgain()
    {
        var (url, file) = AddFile(Length);
        Assert.Equal(file.Read(0, (int)Length), await fixture.DownloadAsync(url));
        Assert.Equal(file.Read(0, (int)Length), await fixture.DownloadAsync(url));
        Assert.Equal(Length, file.BodyBytesSent);

        file.ChangeContent(Length + 1, seed: 77);
        var changed = await fixture.DownloadAsync(url);

        Assert.Equal(file.Read(0, (int)Length + 1), changed);
        Assert.Equal((2 * Length) + 1, file.BodyBytesSent);
    }

    [Fact]
    public async Task CredentialedOrCustomisedJobs_NeverReadOrWriteTheCache()
    {
        var (url, file) = AddFile(Length);
        var expected = file.Read(0, (int)Length);
        var before = fixture.Contents();

        // Nothing of these reaches the store...
        var withUserInfo = new UriBuilder(url) { UserName = "alice", Password = "secret" }.Uri.ToString();
        Assert.Equal(expected, await fixture.DownloadAsync(withUserInfo));
        Assert.Equal(expected, await fixture.DownloadAsync(url, job => job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "secret"))));
        Assert.Equal(expected, await fixture.DownloadAsync(url, job => job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["X-Api-Key: k1"]))));
        Assert.Equal(before, fixture.Contents());
        Assert.Equal(3 * Length, file.BodyBytesSent);

        // ...and once a public job filled it, they still do not read from it.
        Assert.Equal(expected, await fixture.DownloadAsync(url));
        Assert.Single(fixture.Contents().Except(before));
        Assert.Equal(4 * Length, file.BodyBytesSent);
        Assert.Equal(expected, await fixture.DownloadAsync(url, job => job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "secret"))));
        Assert.Equal(expected, await fixture.DownloadAsync(url, job => job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["X-Api-Key: k1"]))));
        Assert.Equal(6 * Length, file.BodyBytesSent);
    }

    [Theory]
    [InlineData("Vary", "Accept-Language")]
    [InlineData("Set-Cookie", "session=abc")]
    [InlineData("Cache-Control", "private")]
    [InlineData("Cache-Control", "no-store")]
    public async Task ResponsesThatMayNotBeShared_AreNeverCached(string header, string value)
    {
        var (url, file) = AddFile(MiB + 1);
        file.SetHeader(header, value);
        var before = fixture.Contents();

        Assert.Equal(file.Read(0, MiB + 1), await fixture.DownloadAsync(url));
        Assert.Equal(file.Read(0, MiB + 1), await fixture.DownloadAsync(url));

        Assert.Equal(2L * (MiB + 1), file.BodyBytesSent);
        Assert.Equal(before, fixture.Contents());
    }

    [Fact]
    public async Task CorruptedBlock_IsCaught_TheRestComesFromTheOrigin_AndTheNextJobFillsAgain()
    {
        var (url, file) = AddFile(Length);
        var expected = file.Read(0, (int)Length);
        var before = fixture.Contents();
        Assert.Equal(expected, await fixture.DownloadAsync(url));
        var content = Assert.Single(fixture.Contents().Except(before));

        // One byte of the second block flipped on the shared storage.
        var block = Path.Combine(content, "000001.blk");
        var bytes = await File.ReadAllBytesAsync(block);
        bytes[100] ^= 0xff;
        await File.WriteAllBytesAsync(block, bytes);

        Assert.Equal(expected, await fixture.DownloadAsync(url));

        // What was copied of the first block stays; the rest came from the origin with a Range.
        var range = file.RangeHeaders[^1];
        Assert.NotNull(range);
        var from = long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Assert.InRange(from, 1, MiB);
        Assert.Equal(Length + (Length - from), file.BodyBytesSent);

        // The bad content is forgotten: the next job fills it again, and the one after copies it.
        Assert.Equal(expected, await fixture.DownloadAsync(url));
        Assert.Equal(expected, await fixture.DownloadAsync(url));
        Assert.Equal((3 * Length) - from, file.BodyBytesSent);
    }

    [Fact]
    public async Task OverTheCap_TheLeastRecentlyUsedContentIsEvicted()
    {
        var (first, _) = AddFile(3 * MiB);
        var (second, _) = AddFile(3 * MiB);
        var (third, _) = AddFile(3 * MiB);
        var known = fixture.Contents();
        await fixture.DownloadAsync(first);
        var firstContent = Assert.Single(fixture.Contents().Except(known));
        await fixture.DownloadAsync(second);
        var secondContent = Assert.Single(fixture.Contents().Except(known).Except([firstContent]));

        // Copying the first makes it the more recently used of the two.
        await fixture.DownloadAsync(first);
        await fixture.DownloadAsync(third);

        var left = fixture.Contents();
        Assert.Contains(firstContent, left);
        Assert.DoesNotContain(secondContent, left);
        var bytes = left.Sum(d => Directory.GetFiles(d).Sum(f => new FileInfo(f).Length));
        Assert.True(bytes <= ContentCacheFixture.MaxBytes, $"{bytes} bytes in the store, over the cap");
    }

    private (string Url, OriginFile File) AddFile(long length)
    {
        var name = $"cache/{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(name, length, seed: Random.Shared.Next());
        return (fixture.Origin.UrlFor(name).ToString(), file);
    }
}
