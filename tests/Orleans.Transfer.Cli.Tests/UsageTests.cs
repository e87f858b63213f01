namespace Orleans.Transfer.Cli.Tests;

/// <summary>Command lines that must be refused (exit 2, naming the culprit) before the service is contacted.</summary>
public sealed class UsageTests
{
    private const string SomeId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    [Fact]
    public async Task Help_PrintsCommands_ExitsZero()
    {
        var run = await CliRun.WithoutServiceAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("transfer", run.Out, StringComparison.Ordinal);
        Assert.Contains("job", run.Out, StringComparison.Ordinal);
        Assert.Contains("service", run.Out, StringComparison.Ordinal);
        Assert.Contains("policy", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobHelp_ListsEveryVerb()
    {
        var run = await CliRun.WithoutServiceAsync("job", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var verb in new[] { "create", "add-file", "resume", "suspend", "cancel", "complete", "set", "list", "info", "watch" })
        {
            Assert.Contains(verb, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "bogus" }, "bogus")]
    [InlineData(new[] { "job", "info", "not-a-guid" }, "<id>")]
    [InlineData(new[] { "job", "create" }, "display-name")]
    [InlineData(new[] { "job", "create", "x", "--priority", "urgent" }, "--priority")]
    [InlineData(new[] { "job", "create", "x", "--priority", "2" }, "--priority")]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "--priority", "bogus" }, "--priority")]
    [InlineData(new[] { "job", "add-file", SomeId, "http://example.com/a", "/tmp/a", "--range", "10" }, "--range")]
    [InlineData(new[] { "job", "add-file", SomeId, "http://example.com/a", "/tmp/a", "--range", "0:10", "--range", "x:eof" }, "--range")]
    [InlineData(new[] { "job", "add-file", SomeId, "http://example.com/a", "/tmp/a", "--range", "5:0" }, "--range")]
    [InlineData(new[] { "job", "list", "--format", "xml" }, "--format")]
    [InlineData(new[] { "job", "set", SomeId, "--min-retry-delay", "soon" }, "--min-retry-delay")]
    [InlineData(new[] { "job", "set", SomeId, "--no-progress-timeout", "-1" }, "--no-progress-timeout")]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "--max-rate", "10X" }, "--max-rate")]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "--max-rate", "-5k" }, "--max-rate")]
    [InlineData(new[] { "job", "set", SomeId, "--max-rate", "fast" }, "--max-rate")]
    [InlineData(new[] { "job", "set", SomeId, "--max-rate", "0" }, "--max-rate")]
    [InlineData(new[] { "job", "set", SomeId, "--max-download-time", "1h" }, "--max-download-time")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-flags", "transferred,done" }, "--notify-flags")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-flags", "16" }, "--notify-flags")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-flags", "transferred,,error" }, "--notify-flags")]
    [InlineData(new[] { "policy", "set", "--background", "fast" }, "--background")]
    [InlineData(new[] { "policy", "set", "--low", "1Q" }, "--low")]
    [InlineData(new[] { "policy", "show", "--format", "yaml" }, "--format")]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "--format", "table" }, "--format")]
    [InlineData(new[] { "job", "watch", SomeId, "--format", "1" }, "--format")]
    [InlineData(new[] { "job", "watch", SomeId, "-q", "--format", "json" }, "--quiet")]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "--quiet", "--format", "json" }, "--quiet")]
    public async Task ParseErrors_ExitTwo_NamingTheField(string[] args, string field)
    {
        var run = await CliRun.WithoutServiceAsync(args);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(field, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData(new[] { "transfer", "http://example.com/a", "/tmp/a", "http://example.com/b" }, "<url> <dest>")]
    [InlineData(new[] { "job", "set", SomeId }, "--priority")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-cmd", "bin/notify" }, "--notify-cmd")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-cmd", "notify.sh", "--notify-arg", "%id%" }, "--notify-cmd")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-url", "ftp://example.com/hook" }, "--notify-url")]
    [InlineData(new[] { "job", "set", SomeId, "--notify-url", "https://example.com/hook", "--notify-secret", "" }, "--notify-secret")]
    [InlineData(new[] { "policy", "set" }, "--background")]
    [InlineData(new[] { "policy", "set", "--background", "1M", "--timetable", "Mon-08:00,1M" }, "--timetable")]
    public async Task InvalidValues_ExitTwo_WithoutContactingTheService(string[] args, string field)
    {
        var run = await CliRun.WithoutServiceAsync(args);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(field, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferToDirectory_WithUrlNamingNoFile_ExitsTwo()
    {
        var run = await CliRun.WithoutServiceAsync("transfer", "http://example.com/", Path.GetTempPath());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("<dest>", run.Error, StringComparison.Ordinal);
    }
}
