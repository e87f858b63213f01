using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Notifications.Tests;

/// <summary>Runs real programs: small sh scripts written by each test. One class, so no two tests fork at once.</summary>
public sealed class NotifyCommandRunnerTests : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-notify-");

    public void Dispose() => _directory.Delete(recursive: true);

    [UnixFact]
    public async Task RunAsync_Placeholders_SubstitutedPerArgumentWithoutSplitting()
    {
        var output = PathFor("args.bin");
        var script = WriteScript("args.sh", """out="$1"; shift; printf '%s\0' "$@" > "$out" """);
        var notification = Notifications.Transferred("Q3 \"report\" files");
        string[] arguments =
        [
            output,
            "%id%",
            "state=%state% event=%event%",
            "%name%",
            "it's \"quoted\" $HOME `id`; * | x",
            "",
            "two\nlines",
            "100%% %PATH%",
        ];

        var result = await CreateRunner().RunAsync(script, arguments, notification).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        var received = (await File.ReadAllTextAsync(output)).Split('\0')[..^1];
        Assert.Equal(
            [
                notification.JobId.ToString("D"),
                "state=Transferred event=JobTransferred",
                "Q3 \"report\" files",
                "it's \"quoted\" $HOME `id`; * | x",
                "",
                "two\nlines",
                "100% %PATH%",
            ],
            received);
    }

    [UnixFact]
    public async Task RunAsync_Always_CleanEnvironmentWithJobVariables_InOwnersHome()
    {
        var output = PathFor("env.txt");
        var script = WriteScript("env.sh", """{ pwd; env; } > "$1" """);
        var notification = Notifications.Error();
        var marker = $"XFER_TEST_SERVICE_ONLY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(marker, "the service's secret");
        try
        {
            var result = await CreateRunner().RunAsync(script, [output], notification).WaitAsync(s_bound);

            Assert.True(result.Delivered, result.Detail);
        }
        finally
        {
            Environment.SetEnvironmentVariable(marker, null);
        }

        var lines = await File.ReadAllLinesAsync(output);
        var account = NotifyAccountLookup.FindByUserId(UnixAccounts.EffectiveUserId());
        var home = account?.HomeDirectory is { Length: > 0 } directory ? directory : "/";
        Assert.Equal(Directory.Exists(home) ? home : "/", lines[0]);
        var environment = lines[1..]
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.DoesNotContain(marker, environment.Keys);
        Assert.Equal(UnixNotifyCommandAccounts.SafePath, environment["PATH"]);
        Assert.Equal("C.UTF-8", environment["LANG"]);
        Assert.Equal(home, environment["HOME"]);
        Assert.Equal(notification.JobId.ToString("D"), environment["XFER_JOB_ID"]);
        Assert.Equal("Error", environment["XFER_JOB_STATE"]);
        Assert.Equal("JobError", environment["XFER_JOB_EVENT"]);
        Assert.Equal("nightly backup", environment["XFER_JOB_NAME"]);
        Assert.Equal(notification.Id.ToString("D"), environment["XFER_EVENT_ID"]);

        // Only ours, and what the shell sets itself.
        string[] allowed =
        [
            "PATH", "HOME", "USER", "LOGNAME", "LANG",
            "XFER_JOB_ID", "XFER_JOB_STATE", "XFER_JOB_EVENT", "XFER_JOB_NAME", "XFER_EVENT_ID",
            "PWD", "OLDPWD", "SHLVL", "_",
        ];
        Assert.Empty(environment.Keys.Except(allowed));
    }

    [UnixFact]
    public async Task RunAsync_ExitCodeZero_DeliveredWithOutput()
    {
        var script = WriteScript("ok.sh", "echo all good");

        var result = await CreateRunner().RunAsync(script, [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered);
        Assert.Contains("code 0", result.Detail, StringComparison.Ordinal);
        Assert.Contains("all good", result.Detail, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task RunAsync_NonZeroExit_NotDeliveredWithStderr()
    {
        var script = WriteScript("fail.sh", "echo boom >&2; exit 3");

        var result = await CreateRunner().RunAsync(script, [], Notifications.Error()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("code 3", result.Detail, StringComparison.Ordinal);
        Assert.Contains("stderr: boom", result.Detail, StringComparison.Ordinal);
        Assert.Null(result.RetryAfter);
    }

    [UnixFact]
    public async Task RunAsync_LargeOutput_DrainedAndTruncated()
    {
        var script = WriteScript("loud.sh", "head -c 1000000 /dev/zero | tr '\\0' x");

        var result = await CreateRunner().RunAsync(script, [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail[..Math.Min(200, result.Detail.Length)]);
        Assert.Contains(new string('x', ProcessOutput.MaxCapturedChars) + "…", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', ProcessOutput.MaxCapturedChars + 1), result.Detail, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task RunAsync_ReadsStdin_SeesEndOfInput()
    {
        var script = WriteScript("stdin.sh", "cat > /dev/null; echo stdin closed");

        var result = await CreateRunner().RunAsync(script, [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
    }

    [UnixFact]
    public async Task RunAsync_RunsTooLong_KillsProcessTreeNotDelivered()
    {
        var childPidFile = PathFor("child.pid");
        var script = WriteScript("slow.sh", """sleep 30 & echo $! > "$1"; wait""");
        var stopwatch = Stopwatch.StartNew();

        var result = await CreateRunner(o => o.CommandTimeout = TimeSpan.FromSeconds(1))
            .RunAsync(script, [childPidFile], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("process tree was killed", result.Detail, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        var childPid = int.Parse((await File.ReadAllTextAsync(childPidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(childPid), $"sleep ({childPid}) outlived the kill");
    }

    [UnixFact]
    public async Task RunAsync_CallerCancels_KillsAndThrows()
    {
        var script = WriteScript("wait.sh", "sleep 30");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateRunner().RunAsync(script, [], Notifications.Transferred(), cancellation.Token).WaitAsync(s_bound));
    }

    [Fact]
    public async Task RunAsync_MissingProgram_NotDeliveredWithoutException()
    {
        var program = PathFor("no-such-program");

        var result = await CreateRunner().RunAsync(program, [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("does not exist", result.Detail, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task RunAsync_NotExecutable_NotDeliveredWithoutException()
    {
        var program = PathFor("plain.txt");
        await File.WriteAllTextAsync(program, "not a program");

        var result = await CreateRunner().RunAsync(program, [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("could not be started", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RelativeProgram_NotDelivered()
    {
        var result = await CreateRunner().RunAsync("notify.sh", [], Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("not an absolute path", result.Detail, StringComparison.Ordinal);
    }

    private static NotifyCommandRunner CreateRunner(Action<NotificationOptions>? configure = null)
    {
        var options = new NotificationOptions();
        configure?.Invoke(options);
        return new NotifyCommandRunner(
            PlatformAccounts.Create(),
            Options.Create(options),
            TimeProvider.System,
            NullLogger<NotifyCommandRunner>.Instance);
    }

    // A killed child reparented to a PID 1 that does not reap stays a zombie: that counts as not running.
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(") ")[^1].Split(' ')[0] != "Z";
    }

    private string PathFor(string name) => Path.Combine(_directory.FullName, name);

    private string WriteScript(string name, string body)
    {
        var path = PathFor(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
