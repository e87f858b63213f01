using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>xfer transfer --sha256</c> and <c>xfer job info</c> against the real grains and worker.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class DigestEndToEndTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-digest-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Transfer_RightDigest_ExitsZero()
    {
        var (source, hex) = await WriteSourceAsync();

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", source, Path.Combine(_work.FullName, "right.bin"), "--sha256", hex);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    [Fact]
    public async Task Transfer_WrongDigest_FailsTheJob_AndJobInfoShowsTheDigestUnverified()
    {
        var (source, hex) = await WriteSourceAsync();
        var wrong = new string('0', 64);

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", source, Path.Combine(_work.FullName, "wrong.bin"), "--sha256", wrong);

        Assert.True(run.ExitCode == ExitCodes.JobFailed, run.ToString());
        Assert.Contains("ContentDigestMismatch", run.Error, StringComparison.Ordinal);
        Assert.Contains(hex, run.Error, StringComparison.Ordinal);
        var id = JobId().Match(run.Error).Groups["id"].Value;
        var text = await CliRun.InvokeAsync(fixture.Client, "job", "info", id);
        var json = await CliRun.InvokeAsync(fixture.Client, "job", "info", id, "--format", "json");
        Assert.Contains($"file 0 SHA-256 {wrong}: not verified yet", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("Error", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("ContentDigestMismatch", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(document.RootElement.GetProperty("files")[0].GetProperty("digest").GetProperty("verified").GetBoolean());
        await CliRun.InvokeAsync(fixture.Client, "job", "cancel", id);
    }

    [GeneratedRegex("job (?<id>[0-9a-f-]{36})")]
    private static partial Regex JobId();

    private async Task<(string Path, string Hex)> WriteSourceAsync()
    {
        var path = Path.Combine(_work.FullName, $"{Guid.NewGuid():N}.bin");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 13)).ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        return (path, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
