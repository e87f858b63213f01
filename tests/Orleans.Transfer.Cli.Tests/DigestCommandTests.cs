using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>--sha256</c>/<c>--sha512</c> on add-file and transfer, and the digest in <c>job info</c>, against a scripted client.</summary>
public sealed class DigestCommandTests
{
    private const string Sha256Hex = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private static readonly string s_id = FakeTransferClient.JobId.ToString();
    private static readonly string s_sha512Hex = new('a', 128);

    [Fact]
    public async Task AddFile_Sha256_SendsTheDigestInLowerCase()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin", "--sha256", Sha256Hex);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new ContentDigest(DigestAlgorithm.Sha256, Sha256Hex.ToLowerInvariant()), Assert.Single(client.AddedFiles).Digest);
    }

    [Fact]
    public async Task AddFile_Sha512_SendsTheDigest()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin", "--sha512", s_sha512Hex);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new ContentDigest(DigestAlgorithm.Sha512, s_sha512Hex), Assert.Single(client.AddedFiles).Digest);
    }

    [Fact]
    public async Task AddFile_WithoutDigest_SendsNone()
    {
        var client = new FakeTransferClient();

        await CliRun.InvokeAsync(client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin");

        Assert.Null(Assert.Single(client.AddedFiles).Digest);
    }

    [Theory]
    [InlineData("--sha256", "abc", "64 hexadecimal digits")]
    [InlineData("--sha256", "xy86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "not all hexadecimal")]
    [InlineData("--sha512", Sha256Hex, "128 hexadecimal digits")]
    public async Task AddFile_UnusableDigest_IsAUsageErrorNamingTheOption_AndAddsNothing(string option, string value, string why)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin", option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{option}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(why, run.Error, StringComparison.Ordinal);
        Assert.Empty(client.AddedFiles);
    }

    [Fact]
    public async Task AddFile_BothDigests_IsAUsageError()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "job", "add-file", s_id, "https://example.com/a.bin", "out/a.bin", "--sha256", Sha256Hex, "--sha512", s_sha512Hex);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(client.AddedFiles);
    }

    [Fact]
    public async Task Transfer_Sha256_ForOneFile_SendsTheDigest()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--sha256", Sha256Hex);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(DigestAlgorithm.Sha256, Assert.Single(client.AddedFiles).Digest!.Algorithm);
    }

    [Fact]
    public async Task Transfer_Sha256_ForTwoFiles_IsAUsageError()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "transfer", "https://example.com/a.bin", "a.bin", "https://example.com/b.bin", "b.bin", "--no-wait", "--sha256", Sha256Hex);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("a digest is of one file", run.Error, StringComparison.Ordinal);
        Assert.Empty(client.AddedFiles);
    }

    [Fact]
    public async Task JobInfo_ShowsEachFilesDigest_ExpectedAndVerified()
    {
        var client = new FakeTransferClient();
        var expected = Sha256Hex.ToLowerInvariant();
        client.Job = client.Job with
        {
            Files =
            [
                client.Job.Files[0] with { Digest = new JobFileDigest(DigestAlgorithm.Sha256, expected, Verified: true) },
                client.Job.Files[1] with { Digest = new JobFileDigest(DigestAlgorithm.Sha512, s_sha512Hex, Verified: false) },
            ],
        };

        var text = await CliRun.InvokeAsync(client, "job", "info", s_id);
        var json = await CliRun.InvokeAsync(client, "job", "info", s_id, "--format", "json");

        Assert.Contains($"file 0 SHA-256 {expected}: verified", text.Out, StringComparison.Ordinal);
        Assert.Contains($"file 1 SHA-512 {s_sha512Hex}: not verified yet", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var digest = document.RootElement.GetProperty("files")[0].GetProperty("digest");
        Assert.Equal("Sha256", digest.GetProperty("algorithm").GetString());
        Assert.Equal(expected, digest.GetProperty("expected").GetString());
        Assert.True(digest.GetProperty("verified").GetBoolean());
    }
}
