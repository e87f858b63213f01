using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>xfer transfer -i</c> and <c>xfer job add-file -i</c> against the real grains and worker.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class FileListEndToEndTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-list-e2e-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Transfer_List_RightDigestsOfBothKinds_PutsEveryFileInPlace()
    {
        var (a, aBytes) = await WriteSourceAsync(1);
        var (b, bBytes) = await WriteSourceAsync(2);
        var list = await WriteListAsync(
            "# two files, one with a space in its name",
            $"\"{a}\" \"a copy.bin\" {Convert.ToHexStringLower(SHA256.HashData(aBytes))}",
            $"\"{b}\" b.bin sha512:{Convert.ToHexString(SHA512.HashData(bBytes))}");

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", "-i", list, _work.FullName);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(aBytes, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "a copy.bin")));
        Assert.Equal(bBytes, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "b.bin")));
    }

    [Fact]
    public async Task Transfer_List_TwoRightDigestsAndOneWrong_FailsTheJobWithContentDigestMismatch()
    {
        var (a, aBytes) = await WriteSourceAsync(3);
        var (b, bBytes) = await WriteSourceAsync(4);
        var (c, cBytes) = await WriteSourceAsync(5);
        var wrong = new string('0', 64);
        var list = await WriteListAsync(
            $"{a} a.bin {Convert.ToHexStringLower(SHA256.HashData(aBytes))}",
            $"{b} b.bin {Convert.ToHexStringLower(SHA256.HashData(bBytes))}",
            $"{c} c.bin {wrong}");

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", "-i", list, _work.FullName);

        Assert.True(run.ExitCode == ExitCodes.JobFailed, run.ToString());
        Assert.Contains("error ContentDigestMismatch", run.Error, StringComparison.Ordinal);
        Assert.Contains("on file 2 ", run.Error, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(cBytes)), run.Error, StringComparison.Ordinal);
        var id = JobId().Match(run.Error).Groups["id"].Value;
        var json = await CliRun.InvokeAsync(fixture.Client, "job", "info", id, "--format", "json");
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("ContentDigestMismatch", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        var digest = document.RootElement.GetProperty("files")[2].GetProperty("digest");
        Assert.Equal(wrong, digest.GetProperty("expected").GetString());
        Assert.False(digest.GetProperty("verified").GetBoolean());
        await CliRun.InvokeAsync(fixture.Client, "job", "cancel", id);
    }

    [Fact]
    public async Task AddFile_List_TheServiceRefusesOneFile_AndNoneIsAdded()
    {
        var (a, _) = await WriteSourceAsync(6);
        var id = (await CliRun.InvokeAsync(fixture.Client, "job", "create", "list all or nothing")).Out.Trim();
        var list = await WriteListAsync(
            $"{a} {Path.Combine(_work.FullName, "a.bin")}",
            $"{a} {Path.Combine(_work.FullName, "no-such-directory", "b.bin")}");

        var run = await CliRun.InvokeAsync(fixture.Client, "job", "add-file", id, "-i", list);
        var json = await CliRun.InvokeAsync(fixture.Client, "job", "info", id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.Contains("error DestinationNotFound", run.Error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(0, document.RootElement.GetProperty("files").GetArrayLength());
        await CliRun.InvokeAsync(fixture.Client, "job", "cancel", id);
    }

    [GeneratedRegex("job (?<id>[0-9a-f-]{36})")]
    private static partial Regex JobId();

    private async Task<(string Path, byte[] Bytes)> WriteSourceAsync(int seed)
    {
        var path = Path.Combine(_work.FullName, $"{Guid.NewGuid():N}.src");
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * seed)).ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        return (path, bytes);
    }

    private async Task<string> WriteListAsync(params string[] lines)
    {
        var path = Path.Combine(_work.FullName, "list.txt");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
