using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// The silo's log under systemd reaches journald with each entry's priority: Microsoft.Extensions.Hosting.Systemd takes
/// a process whose parent is named <c>systemd</c> for a systemd service (its own check), and then writes every entry
/// on one line of stdout with a <c>&lt;N&gt;</c> syslog priority prefix, which journald parses. No systemd runs here,
/// so the real silo runs under a shell named <c>systemd</c>; the formatter it picks is what a unit would get.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class SystemdJournalLoggingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("xfer-systemd-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [LinuxFact("systemd and journald are Linux's")]
    public async Task UnderSystemd_EveryEntryIsOneLineWithASyslogPriority_AndTheStartLineNamesTheService()
    {
        var parent = Path.Combine(_root, "systemd");
        File.Copy("/bin/sh", parent);
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;

        // The shell stays the silo's parent: the silo is not its last command, so it is not exec'd in its place.
        await using var silo = new SiloProcess(home, launchPrefix: [parent, "-c", "\"$@\"; exit $?", "systemd"]);
        var startedLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.OutputLine += line =>
        {
            if (StartedLine().IsMatch(line))
            {
                startedLine.TrySetResult(line);
            }
        };
        await silo.StartAsync();

        // A deadline against a silo that never logs it, not a timing assertion.
        var started = await startedLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await silo.KillAsync();

        Assert.Matches(@"^<6>Orleans\.Transfer\.LocalApi\.Status\.ServiceStartedLog\[7400\] Orleans\.Transfer \S+ started \(pid \d+\): store Sqlite; listening on localApi unix:", started);
        var lines = silo.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("info: ", StringComparison.Ordinal) || l.StartsWith("warn: ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\[7400\]")]
    private static partial Regex StartedLine();
}
