using System.Runtime.Versioning;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Issue 10's notify and webhook items, tried by real users against the real service running as root: a notify
/// command runs as its job's owner, in the owner's home, with none of the service's environment and only its own
/// job's fields; an administrator who takes a job over does not inherit its command; a webhook to the cloud metadata
/// address is refused when it is set.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NotifyAsOwnerTests : IAsyncLifetime
{
    private const string SiloMarker = "XFER_TEST_SILO_ONLY_MARKER";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(50);
    private readonly RootOnlyService _test = new();

    private MultiUserService Service => _test.Service;

    // The marker stands for the service's secrets in its environment (a connection string).
    public Task InitializeAsync() =>
        _test.StartAsync(siloEnvironment: new Dictionary<string, string> { [SiloMarker] = "only the service may see this" });

    public Task DisposeAsync() => _test.DisposeAsync();

    [RootFact]
    public async Task NotifyCommand_RunsAsTheOwner_InTheirHome_WithNoneOfTheServicesEnvironment_AndOnlyTheirJob()
    {
        Assert.Contains(SiloMarker + "=", await File.ReadAllTextAsync($"/proc/{Service.Silo.ProcessId}/environ"), StringComparison.Ordinal);
        var alices = await StartNotifiedJobAsync(LocalUsers.Alice, "alice's $(id) `job`; name");
        var bobs = await StartNotifiedJobAsync(LocalUsers.Bob, "bob's job");

        foreach (var (user, run, name) in new[] { (LocalUsers.Alice, alices, "alice's $(id) `job`; name"), (LocalUsers.Bob, bobs, "bob's job") })
        {
            var lines = await File.ReadAllLinesAsync(await UntilWrittenAsync(run.Output));
            var uid = await LocalUsers.UidAsync(user);
            Assert.Equal(uid.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[0]);
            Assert.Equal((await UserCommand.CaptureAsync("id", "-G", user)).Trim(), lines[1]);
            Assert.Equal($"/home/{user}", lines[2]);
            Assert.Equal(name, lines[3]);
            var environment = lines[4..]
                .Where(l => l.Contains('=', StringComparison.Ordinal))
                .Select(l => l.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1]);
            Assert.DoesNotContain(SiloMarker, environment.Keys);
            Assert.DoesNotContain("XFER_HOME", environment.Keys);
            Assert.DoesNotContain("XFER_SOCKET", environment.Keys);
            Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Transfer__", StringComparison.Ordinal) || key.StartsWith("DOTNET_", StringComparison.Ordinal));
            Assert.Equal(user, environment["USER"]);
            Assert.Equal($"/home/{user}", environment["HOME"]);
            Assert.Equal("C.UTF-8", environment["LANG"]);
            Assert.Equal(run.Id, environment["XFER_JOB_ID"]);
            Assert.Equal(name, environment["XFER_JOB_NAME"]);
            Assert.Equal(lines[0], (await UserCommand.CaptureAsync("stat", "-c", "%u", run.Output)).Trim());
        }
    }

    [RootFact]
    public async Task TakeOwnership_DropsTheNotifyCommand_SoItNeverRunsAsTheAdministrator()
    {
        var id = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "taken-over.bin"));
        await Service.XferOkAsync(LocalUsers.Alice, "job", "set", id, "--notify-cmd", "/bin/true", "--notify-url", "https://hooks.example.com/alice");

        await Service.XferOkAsync(LocalUsers.Carol, "job", "take-ownership", id);

        var notifications = (await Service.JobJsonAsync(LocalUsers.Carol, id)).GetProperty("notifications");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, notifications.GetProperty("commandProgram").ValueKind);
        Assert.Equal("https://hooks.example.com/alice", notifications.GetProperty("webhookUrl").GetString());
    }

    [RootFact]
    public async Task Webhook_ToTheCloudMetadataAddress_IsRefusedWhenSet()
    {
        var id = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "metadata.bin"));

        foreach (var url in new[] { "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://127.0.0.1:9/hook" })
        {
            var result = await Service.XferAsync(LocalUsers.Alice, ["job", "set", id, "--notify-url", url]);

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("InvalidArgument", result.Error, StringComparison.Ordinal);
            Assert.Contains("webhooks are not sent there", result.Error, StringComparison.Ordinal);
        }

        var job = await Service.JobJsonAsync(LocalUsers.Alice, id);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.GetProperty("notifications").ValueKind);
    }

    /// <summary>
    /// A job of <paramref name="user"/> named <paramref name="name"/> whose notify command (a script the user owns)
    /// records who ran it, where, the %name% it was given and its environment; resumed, so it transfers and notifies.
    /// </summary>
    private async Task<(string Id, string Output)> StartNotifiedJobAsync(string user, string name)
    {
        var directory = Service.DirectoryOf(user);
        var script = Path.Combine(directory, "notify.sh");
        var output = Path.Combine(directory, "notified.txt");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            { id -u; id -G; pwd; printf '%s\n' "$1"; env; } > "$2.tmp" && mv "$2.tmp" "$2"
            """ + "\n");
        await UserCommand.CaptureAsync("chown", $"{user}:{user}", script);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var id = (await Service.XferOkAsync(user, "job", "create", name)).Trim();
        await Service.XferOkAsync(user, "job", "add-file", id, Service.Origin.UrlFor("small.bin").ToString(), Path.Combine(directory, "notified.bin"));
        await Service.XferOkAsync(user, "job", "set", id, "--notify-cmd", script, "--notify-arg", "%name%", "--notify-arg", output);
        await Service.XferOkAsync(user, "job", "resume", id);
        return (id, output);
    }

    private async Task<string> UntilWrittenAsync(string path)
    {
        var deadline = DateTimeOffset.UtcNow + s_deadline;
        while (!File.Exists(path))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the notify command never wrote {path}; silo log:\n{Service.Silo.ReadLog()}");
            await Task.Delay(s_interval);
        }

        return path;
    }
}
