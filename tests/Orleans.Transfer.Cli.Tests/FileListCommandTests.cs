namespace Orleans.Transfer.Cli.Tests;

/// <summary>The <c>-i</c> file list of <c>xfer job add-file</c> and <c>xfer transfer</c>, against a scripted client.</summary>
public sealed class FileListCommandTests : IDisposable
{
    private const string Sha256Hex = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private const string Sha512Hex = Sha256Hex + Sha256Hex;
    private static readonly string s_id = FakeTransferClient.JobId.ToString();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-list-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task AddFile_List_AddsEveryFileInOneCall_WithQuotesCommentsAndDigestsOfBothKinds()
    {
        var client = new FakeTransferClient();
        var list = WriteList(
            "# nightly set",
            "",
            "https://example.com/a.bin   out/a.bin",
            "  \t",
            $"\"https://example.com/my%20b.bin\"\t\"out/my b.bin\"  {Sha256Hex}",
            $"https://example.com/c.bin out/c.bin {Sha512Hex}",
            "   # indented comment",
            $"https://example.com/d.bin out/d.bin SHA256:{Sha256Hex}",
            $"\\\\server\\share\\e.bin out/e.bin sha-512:{Sha512Hex.ToLowerInvariant()}");

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "-i", list);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(["add"], client.Calls);
        var sha256 = new ContentDigest(DigestAlgorithm.Sha256, Sha256Hex.ToLowerInvariant());
        var sha512 = new ContentDigest(DigestAlgorithm.Sha512, Sha512Hex.ToLowerInvariant());
        Assert.Equal(
            [
                new FileSpec("https://example.com/a.bin", Path.GetFullPath("out/a.bin")),
                new FileSpec("https://example.com/my%20b.bin", Path.GetFullPath("out/my b.bin")) { Digest = sha256 },
                new FileSpec("https://example.com/c.bin", Path.GetFullPath("out/c.bin")) { Digest = sha512 },
                new FileSpec("https://example.com/d.bin", Path.GetFullPath("out/d.bin")) { Digest = sha256 },
                new FileSpec("\\\\server\\share\\e.bin", Path.GetFullPath("out/e.bin")) { Digest = sha512 },
            ],
            client.AddedFiles);
        Assert.Contains($"added 5 file(s) from {list}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFile_ListFromStandardInput()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, "https://example.com/a.bin a.bin\nhttps://example.com/b.bin b.bin\n", "job", "add-file", s_id, "-i", "-");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal([Path.GetFullPath("a.bin"), Path.GetFullPath("b.bin")], client.AddedFiles.Select(f => f.LocalPath));
        Assert.Contains("added 2 file(s) from stdin", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/", "'https://example.com/' names no file to save it as (give the local path after the remote)")]
    [InlineData("https://example.com/a.bin a.bin 00 extra", "4 fields, and a line is 'remote [local [digest]]' (quote a field that holds spaces")]
    [InlineData("https://example.com/a.bin my file.bin", "digest: a SHA-256 digest is 64 hexadecimal digits; this is 8 characters and not all hexadecimal (give 64 hex digits for SHA-256 or 128 for SHA-512")]
    [InlineData("https://example.com/a.bin a.bin 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", "digest: a SHA-256 digest is 64 hexadecimal digits; this is 63 characters")]
    [InlineData("https://example.com/a.bin a.bin zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "not all hexadecimal")]
    [InlineData("https://example.com/a.bin a.bin sha512:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a SHA-512 digest is 128 hexadecimal digits")]
    [InlineData("https://example.com/a.bin a.bin md5:d41d8cd98f00b204e9800998ecf8427e", "digest: 'md5' is not a digest algorithm")]
    [InlineData("https://example.com/a.bin \"my file.bin", "field 2 opens a double quote that is not closed (end the field with \")")]
    [InlineData("https://example.com/a.bin \"my file\".bin", "field 2 goes on after its closing quote")]
    [InlineData("https://example.com/a.bin my\"file.bin", "field 2 has a double quote inside it")]
    [InlineData("\"\" a.bin", "the remote is empty (")]
    [InlineData("https://example.com/a.bin \"\"", "the local path is empty (")]
    public async Task AddFile_BadLine_ExitsTwoNamingFileAndLine_AndAddsNothing(string line, string problem)
    {
        var list = WriteList("# header", "https://example.com/ok.bin ok.bin", line, "https://example.com/ok2.bin ok2.bin");

        var run = await CliRun.WithoutServiceAsync("job", "add-file", s_id, "-i", list);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {list}:3: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_EveryBadLine_IsReported_AndNoJobIsCreated()
    {
        var list = WriteList("https://example.com/", "https://example.com/b.bin b.bin", "https://example.com/c.bin c.bin 12");

        var run = await CliRun.WithoutServiceAsync("transfer", "-i", list);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"error: {list}:1: 'https://example.com/' names no file", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"error: {list}:3: digest: ", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ManyBadLines_ReportsTheFirstTenAndCountsTheRest()
    {
        var list = WriteList([.. Enumerable.Range(0, 13).Select(i => $"https://example.com/{i}.bin a.bin 00 extra")]);

        var run = await CliRun.WithoutServiceAsync("transfer", "-i", list);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{list}:10: 4 fields", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain($"{list}:11:", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{list}: 3 more bad line(s) not shown", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ListWithADirectory_PutsRelativeLocalPathsInIt_AndSendsTheDigests()
    {
        var client = new FakeTransferClient();
        var elsewhere = Path.Combine(_work.FullName, "elsewhere", "b.bin");
        var list = WriteList($"https://example.com/a.bin a.bin {Sha256Hex}", $"https://example.com/b.bin \"{elsewhere}\"", "https://example.com/c.bin sub/");

        var run = await CliRun.InvokeAsync(client, "transfer", "-i", list, _work.FullName, "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            [Path.Combine(_work.FullName, "a.bin"), elsewhere, Path.Combine(_work.FullName, "sub", "c.bin")],
            client.AddedFiles.Select(f => f.LocalPath));
        Assert.Equal([DigestAlgorithm.Sha256, null, null], client.AddedFiles.Select(f => f.Digest?.Algorithm));
    }

    [Fact]
    public async Task Transfer_RemoteAlone_KeepsItsOwnName_InTheDirectoryGivenByDir()
    {
        var client = new FakeTransferClient();
        var list = WriteList("https://example.com/a.bin", "\"https://example.com/x/my%20b.bin?v=2\"", "https://example.com/c.bin c2.bin", "\\\\server\\share\\d.bin");

        var run = await CliRun.InvokeAsync(client, "transfer", "-i", list, "--dir", _work.FullName, "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            [
                new FileSpec("https://example.com/a.bin", Path.Combine(_work.FullName, "a.bin")),
                new FileSpec("https://example.com/x/my%20b.bin?v=2", Path.Combine(_work.FullName, "my b.bin")),
                new FileSpec("https://example.com/c.bin", Path.Combine(_work.FullName, "c2.bin")),
                new FileSpec("\\\\server\\share\\d.bin", Path.Combine(_work.FullName, "d.bin")),
            ],
            client.AddedFiles);
    }

    [Fact]
    public async Task AddFile_RemoteAlone_KeepsItsOwnName_InTheCurrentDirectory()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, "https://example.com/a.bin\n", "job", "add-file", s_id, "-i", "-");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal([Path.GetFullPath("a.bin")], client.AddedFiles.Select(f => f.LocalPath));
    }

    [Theory]
    [InlineData(new[] { "transfer", "-i", "LIST", "a", "--dir", "b" }, "<dir> and --dir: the directory is given twice ('a', 'b'); give it once.")]
    [InlineData(new[] { "transfer", "https://example.com/a.bin", "a.bin", "--dir", "b" }, "--dir: only with -i")]
    [InlineData(new[] { "job", "add-file", "ID", "-i", "LIST", "--sha256", Sha256Hex }, "--sha256 and -i cannot be combined")]
    [InlineData(new[] { "transfer", "-i", "LIST", "--sha512", Sha512Hex }, "--sha512 and -i cannot be combined")]
    [InlineData(new[] { "job", "add-file", "ID", "--input-file", "LIST", "--range", "0:10" }, "--range and -i cannot be combined")]
    [InlineData(new[] { "job", "add-file", "ID", "https://example.com/a.bin", "a.bin", "-i", "LIST" }, "<url> <path>: with -i the files come from the list")]
    [InlineData(new[] { "job", "add-file", "ID", "https://example.com/a.bin" }, "<url> <path>: give the source and the destination, or a list of files with -i FILE")]
    [InlineData(new[] { "transfer", "-i", "LIST", "a", "b" }, "<dir>: with -i the files come from the list, and 2 values follow")]
    [InlineData(new[] { "transfer" }, "<url> <dest>: give a source and a destination")]
    [InlineData(new[] { "transfer", "-i", "MISSING" }, "-i: cannot read ")]
    [InlineData(new[] { "transfer", "-i", "EMPTY" }, ": no files in it (put one file a line")]
    public async Task Misuse_ExitsTwo_WithoutContactingTheService(string[] args, string problem)
    {
        var list = WriteList("https://example.com/a.bin a.bin");
        var empty = Path.Combine(_work.FullName, "empty.txt");
        File.WriteAllLines(empty, ["# nothing yet", ""]);
        var resolved = args
            .Select(a => a switch
            {
                "ID" => s_id,
                "LIST" => list,
                "MISSING" => Path.Combine(_work.FullName, "missing.txt"),
                "EMPTY" => empty,
                _ => a,
            })
            .ToArray();

        var run = await CliRun.WithoutServiceAsync(resolved);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ListOnStandardInput_WithUser_NeedsThePasswordElsewhere()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, "https://example.com/a.bin a.bin\n", "transfer", "-i", "-", "--user", "alice");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--user: standard input is the file list (-i -)", run.Error, StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task AddFile_ServiceRefusal_SurfacesAsToday()
    {
        var client = new FakeTransferClient
        {
            AddRefusal = new TransferJobException(TransferErrorCode.TooManyFiles, "files[1]: an Upload job takes exactly one file (B03)", "files[1]"),
        };
        var list = WriteList("https://example.com/a a.bin", "https://example.com/b b.bin");

        var run = await CliRun.InvokeAsync(client, "job", "add-file", s_id, "-i", list);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error TooManyFiles: files[1]: an Upload job takes exactly one file", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, client.AddedFiles.Count);
    }

    private string WriteList(params string[] lines)
    {
        var path = Path.Combine(_work.FullName, $"{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        return path;
    }
}
