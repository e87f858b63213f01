using System.Diagnostics;
using Orleans.Transfer.Cli.Commands;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Text from other users and servers reaches the terminal escaped (control characters and bidi overrides), and
/// <c>xfer service stop</c> waits only on a pid that is the transfer service.
/// </summary>
public sealed class TerminalSafetyTests
{
    private const string Escape = "\u001b";

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("a\u001b[2Jb", "a\\x1b[2Jb")]
    [InlineData("bell\u0007", "bell\\x07")]
    [InlineData("line\nbreak\rreturn\ttab", "line\\x0abreak\\x0dreturn\\x09tab")]
    [InlineData("del\u007f", "del\\x7f")]
    [InlineData("csi\u009b31m", "csi\\x9b31m")]
    [InlineData("evil\u202egnp.exe", "evil\\u202egnp.exe")]
    [InlineData("isolate\u2066x\u2069", "isolate\\u2066x\\u2069")]
    [InlineData("ünïcödé ✓ 名前", "ünïcödé ✓ 名前")]
    [InlineData(@"C:\path\x1b", @"C:\path\x1b")]
    public void Safe_EscapesControlsAndBidiOverrides_KeepsEverythingElse(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Safe(text));

    [Fact]
    public async Task JobInfo_TableOutput_PrintsNoRawControlCharacters()
    {
        var hostile = $"{Escape}]0;owned{'\u0007'}{Escape}[2J";
        var client = new FakeTransferClient
        {
            Job = FakeTransferClient.Sample(
                JobState.Error,
                new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, $"HTTP 500 {hostile} from server", 500, 0)) with
            {
                DisplayName = $"name{hostile}",
                Description = $"description{hostile}",
                Owner = $"service{hostile}",
                Files = [new JobFileInfo($"https://example.com/{hostile}", $"/data/{hostile}", [], 1, 0, false, null)],
            },
        };

        var run = await CliRun.InvokeAsync(client, "job", "info", FakeTransferClient.JobId.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Escape, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("name\\x1b]0;owned\\x07\\x1b[2J", run.Out, StringComparison.Ordinal);
        Assert.Contains("HTTP 500 \\x1b]0;owned", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobList_TableOutput_EscapesNames()
    {
        var client = new FakeTransferClient { Job = FakeTransferClient.Sample(JobState.Queued) with { DisplayName = $"x{Escape}[31mred" } };

        var run = await CliRun.InvokeAsync(client, "job", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Escape, run.Out, StringComparison.Ordinal);
        Assert.Contains("x\\x1b[31mred", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceError_Message_IsEscaped()
    {
        var client = new FakeTransferClient
        {
            Refusal = new TransferJobException(TransferErrorCode.InvalidArgument, $"bad{Escape}[2J value", "displayName"),
        };

        var run = await CliRun.InvokeAsync(client, "job", "list");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(Escape, run.Error, StringComparison.Ordinal);
        Assert.Contains("bad\\x1b[2J value", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsTransferService_AnotherProgram_IsNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var process = Start("/bin/sleep");

        Assert.False(ServiceStopCommand.IsTransferService(process));
        process.Kill();
        process.WaitForExit();
    }

    [Fact]
    public void IsTransferService_TheSiloExecutable_Is()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A real process whose executable bears the silo's name (a copy of sleep), as the apphost does.
        var directory = Directory.CreateTempSubdirectory("xfer-stop-").FullName;
        var silo = Path.Combine(directory, "Orleans.Transfer.Silo");
        File.Copy("/bin/sleep", silo);
        File.SetUnixFileMode(silo, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            using var process = Start(silo);

            Assert.True(ServiceStopCommand.IsTransferService(process));
            process.Kill();
            process.WaitForExit();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process Start(string executable) =>
        Process.Start(new ProcessStartInfo(executable, ["60"]) { UseShellExecute = false })!;
}
