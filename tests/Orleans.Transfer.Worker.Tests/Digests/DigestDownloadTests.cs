using System.Security.Cryptography;
using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// Content digests against a real origin: the caller's digest and the server's Repr-Digest, Content-Digest and Digest
/// headers are checked on the bytes as they stream; one mismatch downloads the file again, a second fails it.
/// </summary>
public sealed class DigestDownloadTests : WorkerTestBase
{
    [Fact]
    public async Task CallerSha256_Matches_CompletesVerified()
    {
        var file = Origin.AddGenerated("a.bin", (3 * MiB) + 17, seed: 1);
        var request = WithDigest(Request(Origin.UrlFor("a.bin").ToString()), DigestAlgorithm.Sha256, file.ComputeSha256());

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.True(completed.DigestVerified);
        Assert.Equal(1, file.Requests);
    }

    [Fact]
    public async Task CallerSha512_Matches_CompletesVerified()
    {
        var file = Origin.AddGenerated("a.bin", MiB + 5, seed: 2);
        var request = WithDigest(Request(Origin.UrlFor("a.bin").ToString()), DigestAlgorithm.Sha512, Sha512Hex(file));

        var events = await RunAsync(request);

        Assert.True(AssertCompleted(events).DigestVerified);
    }

    [Fact]
    public async Task NoDigest_CompletesUnverified()
    {
        Origin.AddGenerated("a.bin", MiB, seed: 3);

        var events = await RunAsync(Request(Origin.UrlFor("a.bin").ToString()));

        Assert.False(AssertCompleted(events).DigestVerified);
    }

    [Fact]
    public async Task ContentChangesAfterFirstFullRead_MismatchOnce_DownloadsAgainAndCompletes()
    {
        var file = Origin.AddGenerated("c.bin", 2 * MiB, seed: 4);
        var expected = GeneratedContent.ComputeSha256((2 * MiB) + 9, seed: 5);
        file.AfterNextFullBody(() => file.ChangeContent((2 * MiB) + 9, seed: 5));
        var request = WithDigest(Request(Origin.UrlFor("c.bin").ToString()), DigestAlgorithm.Sha256, expected);

        var events = await RunAsync(request);

        var completed = AssertCompleted(events);
        Assert.True(completed.DigestVerified);
        Assert.Equal(expected, Sha256Of(request.TempPath));
        Assert.Equal(2, file.Requests);
        Assert.Equal([null, null], file.RangeHeaders);
    }

    [Fact]
    public async Task WrongCallerDigest_MismatchTwice_FailsFatallyAndDeletesTheData()
    {
        var file = Origin.AddGenerated("w.bin", MiB + 3, seed: 6);
        var wrong = GeneratedContent.ComputeSha256(10, seed: 7);
        var request = WithDigest(Request(Origin.UrlFor("w.bin").ToString()), DigestAlgorithm.Sha256, wrong.ToUpperInvariant());

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.ContentDigestMismatch, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.False(failure.IsTransient);
        Assert.Contains(wrong, failure.Message, StringComparison.Ordinal);
        Assert.Contains(file.ComputeSha256(), failure.Message, StringComparison.Ordinal);
        Assert.Contains("the caller", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, file.Requests);
        Assert.Equal(0, events[^1].Checkpoint.BytesWritten);
        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact]
    public async Task ServerReprDigest_Matches_CompletesWithoutACallerDigest()
    {
        var file = Origin.AddGenerated("s.bin", MiB + 100, seed: 8);
        file.SetHeader("Repr-Digest", $"sha-512=:{Base64Of(Sha512Hex(file))}:, sha-256=:{Base64Of(file.ComputeSha256())}:");

        var events = await RunAsync(Request(Origin.UrlFor("s.bin").ToString()));

        Assert.False(AssertCompleted(events).DigestVerified);
        Assert.Equal(1, file.Requests);
    }

    [Fact]
    public async Task ServerReprDigest_DisagreesWithBytes_WhileCallerMatches_Fails()
    {
        var file = Origin.AddGenerated("s.bin", MiB, seed: 9);
        file.SetHeader("Repr-Digest", $"sha-256=:{Base64Of(GeneratedContent.ComputeSha256(MiB, seed: 10))}:");
        var request = WithDigest(Request(Origin.UrlFor("s.bin").ToString()), DigestAlgorithm.Sha256, file.ComputeSha256());

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.ContentDigestMismatch, failure.Code);
        Assert.Contains("Repr-Digest", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, file.Requests);
    }

    [Fact]
    public async Task LegacyDigestHeader_Wrong_OnA200_Fails()
    {
        var file = Origin.AddGenerated("l.bin", MiB, seed: 11);
        file.SetHeader("Digest", $"SHA-256={Base64Of(GeneratedContent.ComputeSha256(MiB, seed: 12))}");

        var events = await RunAsync(Request(Origin.UrlFor("l.bin").ToString()));

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.ContentDigestMismatch, failure.Code);
        Assert.Contains("Digest header", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Repr-Digest", "sha-256=:not base64!:")]
    [InlineData("Repr-Digest", "sha-256=:AAAA:")]
    [InlineData("Repr-Digest", "sha-256=deadbeef")]
    [InlineData("Content-Digest", "sha-256")]
    [InlineData("Digest", "SHA-256=AAAA")]
    public async Task UnusableServerDigestHeader_IsIgnored(string header, string value)
    {
        var file = Origin.AddGenerated("u.bin", MiB, seed: 13);
        file.SetHeader(header, value);
        var request = WithDigest(Request(Origin.UrlFor("u.bin").ToString()), DigestAlgorithm.Sha256, file.ComputeSha256());

        var events = await RunAsync(request);

        Assert.True(AssertCompleted(events).DigestVerified);
        Assert.Equal(1, file.Requests);
    }

    [Fact]
    public async Task UncheckedAlgorithm_IsSkipped()
    {
        var file = Origin.AddGenerated("m.bin", MiB, seed: 14);
        file.SetHeader("Repr-Digest", "md5=:AAAAAAAAAAAAAAAAAAAAAA==:");

        var events = await RunAsync(Request(Origin.UrlFor("m.bin").ToString()));

        AssertCompleted(events);
    }

    [Fact]
    public async Task Resume_RehashesTheKeptPrefix_AndFetchesOnlyTheRest()
    {
        var file = Origin.AddGenerated("r.bin", 4 * MiB, seed: 15);
        var request = WithDigest(
            Request(Origin.UrlFor("r.bin").ToString(), new FileCheckpoint(MiB, file.Length, file.ETag, null, false)),
            DigestAlgorithm.Sha256,
            file.ComputeSha256());
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        Assert.True(AssertCompleted(events).DigestVerified);
        Assert.Equal(["bytes=1048576-"], file.RangeHeaders);
        Assert.Equal(3 * MiB, file.BodyBytesSent);
    }

    [Fact]
    public async Task Resume_ReprDigestOn206_IsOfTheWholeFile_ContentDigestOn206_IsIgnored()
    {
        var file = Origin.AddGenerated("p.bin", 3 * MiB, seed: 16);
        file.SetHeader("Repr-Digest", $"sha-512=:{Base64Of(Sha512Hex(file))}:");
        // What a server sends on a 206: the digest of the part, which is not the file's.
        file.SetHeader("Content-Digest", $"sha-256=:{Convert.ToBase64String(SHA256.HashData(file.Read(MiB, 2 * MiB)))}:");
        var request = Request(Origin.UrlFor("p.bin").ToString(), new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(["bytes=1048576-"], file.RangeHeaders);
    }

    [Fact]
    public async Task Resume_WrongReprDigestOn206_Fails()
    {
        var file = Origin.AddGenerated("p.bin", 2 * MiB, seed: 17);
        file.SetHeader("Repr-Digest", $"sha-256=:{Base64Of(GeneratedContent.ComputeSha256(2 * MiB, seed: 18))}:");
        var request = Request(Origin.UrlFor("p.bin").ToString(), new FileCheckpoint(MiB, file.Length, file.ETag, null, false));
        WritePartial(request.TempPath, file, MiB);

        var events = await RunAsync(request);

        Assert.Equal(TransferErrorCode.ContentDigestMismatch, AssertFailed(events).Code);
    }

    [Fact]
    public async Task ContentDigestOfTheFirst200_StillApplies_AfterTheRetried206()
    {
        var file = Origin.AddGenerated("k.bin", 2 * MiB, seed: 21);
        file.SetHeader("Content-Digest", $"sha-256=:{Base64Of(GeneratedContent.ComputeSha256(2 * MiB, seed: 22))}:");
        file.DropConnectionAfter(MiB);

        var events = await RunAsync(Request(Origin.UrlFor("k.bin").ToString()));

        Assert.Equal(TransferErrorCode.ContentDigestMismatch, AssertFailed(events).Code);
        Assert.StartsWith("bytes=", file.RangeHeaders[1]);
    }

    [Fact]
    public async Task ConnectionDroppedMidway_ResumesInTheRun_DigestStillMatches()
    {
        var file = Origin.AddGenerated("d.bin", 4 * MiB, seed: 19);
        file.DropConnectionAfter((3 * MiB) / 2);
        var request = WithDigest(Request(Origin.UrlFor("d.bin").ToString()), DigestAlgorithm.Sha256, file.ComputeSha256());

        var events = await RunAsync(request);

        Assert.True(AssertCompleted(events).DigestVerified);
        Assert.Equal(2, file.Requests);
        Assert.StartsWith("bytes=", file.RangeHeaders[1]);
    }

    [Fact]
    public async Task LocalFileSource_IsHashedToo_RightAndWrong()
    {
        var source = Path.Combine(Scratch, "src.bin");
        var bytes = new byte[MiB + 7];
        new Random(20).NextBytes(bytes);
        File.WriteAllBytes(source, bytes);
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var right = await RunAsync(WithDigest(Request(source, tempName: "right.tmp"), DigestAlgorithm.Sha256, hex));
        var wrong = await RunAsync(WithDigest(Request(source, tempName: "wrong.tmp"), DigestAlgorithm.Sha256, new string('0', 64)));

        Assert.True(AssertCompleted(right).DigestVerified);
        Assert.Equal(TransferErrorCode.ContentDigestMismatch, AssertFailed(wrong).Code);
    }

    private static FileTransferRequest WithDigest(FileTransferRequest request, DigestAlgorithm algorithm, string hex) =>
        request with { Digest = new ContentDigest(algorithm, hex) };

    private static string Base64Of(string hex) => Convert.ToBase64String(Convert.FromHexString(hex));

    private static string Sha512Hex(OriginFile file) => Convert.ToHexStringLower(SHA512.HashData(file.Read(0, (int)file.Length)));
}
