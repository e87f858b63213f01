using System.Runtime.Versioning;
using System.Text.Json;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Issue 9's "what is wrong today", tried by real users against the real service running as root: each attack fails
/// with a clear error and changes nothing; the legitimate paths work. A service of its own for each test (xunit
/// starts an `IAsyncLifetime` test class once per test), so no test sees another's jobs.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OwnerBoundaryTests : IAsyncLifetime
{
    private readonly RootOnlyService _test = new();
    private int _alice;
    private int _bob;
    private int _carol;

    private MultiUserService Service => _test.Service;

    public async Task InitializeAsync()
    {
        if (await _test.StartAsync())
        {
            _alice = await LocalUsers.UidAsync(LocalUsers.Alice);
            _bob = await LocalUsers.UidAsync(LocalUsers.Bob);
            _carol = await LocalUsers.UidAsync(LocalUsers.Carol);
        }
    }

    public Task DisposeAsync() => _test.DisposeAsync();

    [RootFact]
    public async Task EachUser_TransfersAndListsTheirOwnJobs_AndSeesNoOneElses()
    {
        var destination = Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "transferred.bin");
        await Service.XferOkAsync(LocalUsers.Alice, "transfer", Service.Origin.UrlFor("small.bin").ToString(), destination, "-q");
        Assert.Equal(256 * 1024, new FileInfo(destination).Length);

        var alices = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "listed.bin"));
        var bobs = await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "listed.bin"));

        var aliceList = await ListIdsAsync(LocalUsers.Alice);
        Assert.Contains(alices, aliceList);
        Assert.DoesNotContain(bobs, aliceList);
        var bobList = await ListIdsAsync(LocalUsers.Bob);
        Assert.Contains(bobs, bobList);
        Assert.DoesNotContain(alices, bobList);
        Assert.Equal(MultiUserService.OwnerIdOf(_alice), (await Service.JobJsonAsync(LocalUsers.Alice, alices)).GetProperty("owner").GetString());
    }

    [RootFact]
    public async Task AnotherUser_CannotReadOrChangeAJob_AndNothingChanges()
    {
        var id = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "private.bin"));

        string[][] attempts =
        [
            ["job", "info", id],
            ["job", "watch", id, "-q"],
            ["job", "cancel", id],
            ["job", "complete", id],
            ["job", "resume", id],
            ["job", "suspend", id],
            ["job", "set", id, "--display-name", "mine now"],
            ["job", "add-file", id, Service.Origin.UrlFor("small.bin").ToString(), Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "x.bin")],
            ["job", "take-ownership", id],
        ];
        foreach (var attempt in attempts)
        {
            var result = await Service.XferAsync(LocalUsers.Bob, attempt);
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
        }

        var job = await Service.JobJsonAsync(LocalUsers.Alice, id);
        Assert.Equal("Suspended", job.GetProperty("state").GetString());
        Assert.Equal($"{LocalUsers.Alice}'s job", job.GetProperty("displayName").GetString());
        Assert.Equal(MultiUserService.OwnerIdOf(_alice), job.GetProperty("owner").GetString());
        Assert.Equal(1, job.GetProperty("files").GetArrayLength());
    }

    [RootFact]
    public async Task AnotherUser_CannotListEveryOwner_ChangeThePolicy_OrStopTheService()
    {
        var before = await Service.XferOkAsync(LocalUsers.Bob, "policy", "show", "--format", "json");

        foreach (var attempt in new[] { new[] { "job", "list", "--all" }, ["policy", "set", "--normal", "1MB"], ["job", "reset", "--all"], ["service", "stop"] })
        {
            var result = await Service.XferAsync(LocalUsers.Bob, attempt);
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
        }

        Assert.True(Service.Silo.IsRunning);
        Assert.Equal(before, await Service.XferOkAsync(LocalUsers.Carol, "policy", "show", "--format", "json"));
    }

    [RootFact]
    public async Task TheOwnerIsWhoTheSocketSays_NotWhatTheClientSends()
    {
        // A hand-written request naming root as the owner.
        var raw = await UserCommand.RunAsync(
            LocalUsers.Bob,
            new Dictionary<string, string>(),
            "curl", "--silent", "--show-error", "--unix-socket", Service.SocketPath,
            "-H", "Content-Type: application/json",
            "--data", """{"displayName":"spoofed","type":"Download","priority":"Normal","owner":"unix:0","elevated":true}""",
            "http://localhost/v1/jobs");
        Assert.Equal(0, raw.ExitCode);
        using (var created = JsonDocument.Parse(raw.Output))
        {
            Assert.Equal(MultiUserService.OwnerIdOf(_bob), created.RootElement.GetProperty("owner").GetString());
        }

        // A user namespace makes Bob uid 0 inside it; the kernel still reports his real uid to the service.
        var inNamespace = await UserCommand.RunAsync(
            LocalUsers.Bob,
            new Dictionary<string, string>(),
            "unshare", "--map-root-user", "curl", "--silent", "--show-error", "--unix-socket", Service.SocketPath,
            "-H", "Content-Type: application/json",
            "--data", """{"displayName":"from a user namespace","type":"Download","priority":"Normal"}""",
            "http://localhost/v1/jobs");
        Assert.True(inNamespace.ExitCode == 0, inNamespace.ToString());
        using (var created = JsonDocument.Parse(inNamespace.Output))
        {
            Assert.Equal(MultiUserService.OwnerIdOf(_bob), created.RootElement.GetProperty("owner").GetString());
        }

        // xfer itself refuses there: root outside the namespace shows as the overflow uid, like any unmapped user, so
        // the service cannot be told from a squatter.
        var xfer = await Service.XferAsync(LocalUsers.Bob, ["job", "list"], prefix: ["unshare", "--map-root-user"]);
        Assert.Contains("ServiceNotTrusted", xfer.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task DestinationClaims_ArePerOwner_SoNoUserCanBlockAnothersPath()
    {
        var path = Path.Combine(Service.SharedDirectory, "contested.bin");
        await Service.CreateSuspendedJobAsync(LocalUsers.Bob, path);

        // Bob claimed the path first; Alice's job is not refused for it.
        await Service.CreateSuspendedJobAsync(LocalUsers.Alice, path);

        // Her own second job to the same path is, as before.
        var again = (await Service.XferOkAsync(LocalUsers.Alice, "job", "create", "again")).Trim();
        var refused = await Service.XferAsync(LocalUsers.Alice, ["job", "add-file", again, Service.Origin.UrlFor("small.bin").ToString(), path]);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("DestinationInUse", refused.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task AnAdministrator_ListsAndCancelsAnyonesJobs_AndTakesOwnership()
    {
        var alices = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "taken.bin"));
        var bobs = await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "cancelled.bin"));

        var everyone = await ListIdsAsync(LocalUsers.Carol, "--all");
        Assert.Contains(alices, everyone);
        Assert.Contains(bobs, everyone);

        await Service.XferOkAsync(LocalUsers.Carol, "job", "cancel", bobs);
        Assert.Equal("Cancelled", (await Service.JobJsonAsync(LocalUsers.Bob, bobs)).GetProperty("state").GetString());

        await Service.XferOkAsync(LocalUsers.Carol, "job", "take-ownership", alices);
        var taken = await Service.JobJsonAsync(LocalUsers.Carol, alices);
        Assert.Equal(MultiUserService.OwnerIdOf(_carol), taken.GetProperty("owner").GetString());
        Assert.Equal("Suspended", taken.GetProperty("state").GetString());
        var lost = await Service.XferAsync(LocalUsers.Alice, ["job", "info", alices]);
        Assert.Contains("AccessDenied", lost.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Reset_CancelsOnlyTheCallersJobs()
    {
        var bobs = new[]
        {
            await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "reset-1.bin")),
            await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "reset-2.bin")),
        };
        var alices = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "kept.bin"));

        await Service.XferOkAsync(LocalUsers.Bob, "job", "reset");

        foreach (var id in bobs)
        {
            Assert.Equal("Cancelled", (await Service.JobJsonAsync(LocalUsers.Bob, id)).GetProperty("state").GetString());
        }

        Assert.Equal("Suspended", (await Service.JobJsonAsync(LocalUsers.Alice, alices)).GetProperty("state").GetString());
        Assert.Empty(await ListIdsAsync(LocalUsers.Bob));
    }

    [RootFact]
    public async Task AUserSquattingTheSocketPath_ReceivesNothing()
    {
        // Alice runs her own service where Bob's client will look for one.
        var squat = Directory.CreateDirectory(Path.Combine(Service.Root, "squat")).FullName;
        var home = Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "home");
        await UserCommand.RunAsync(LocalUsers.Alice, new Dictionary<string, string>(), "mkdir", "-p", home);

        // The test writes the silo's output there; Alice's silo makes every file of its data directory private, so it must be hers.
        await UserCommand.RunAsync(LocalUsers.Alice, new Dictionary<string, string>(), "touch", Path.Combine(home, "silo-test.log"));
        await UserCommand.CaptureAsync("chown", $"{LocalUsers.Alice}:{LocalUsers.Alice}", squat);
        var socket = Path.Combine(squat, "xfer.sock");
        await using var squatter = new SiloProcess(
            home,
            new Dictionary<string, string> { ["XFER_SOCKET"] = socket },
            launchPrefix: ["setpriv", $"--reuid={LocalUsers.Alice}", $"--regid={LocalUsers.Alice}", "--init-groups", "--"],
            siloAssemblyPath: Service.SiloAssembly);
        await squatter.StartAsync();

        var destination = Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "squatted.bin");
        var result = await Service.XferAsync(LocalUsers.Bob, ["transfer", Service.Origin.UrlFor("small.bin").ToString(), destination], socketPath: socket);
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("ServiceNotTrusted", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(destination));
        Assert.DoesNotContain("created for", squatter.ReadLog(), StringComparison.Ordinal);

        // And Alice's service, which could act only with her rights, serves no one but her.
        var direct = await UserCommand.RunAsync(
            LocalUsers.Bob,
            new Dictionary<string, string>(),
            "curl", "--silent", "--unix-socket", socket, "--write-out", "%{http_code}", "--output", "/dev/null", "http://localhost/v1/caller");
        Assert.Equal("403", direct.Output);
    }

    private async Task<IReadOnlyList<string>> ListIdsAsync(string user, params string[] options)
    {
        using var json = JsonDocument.Parse(await Service.XferOkAsync(user, ["job", "list", "--format", "json", .. options]));
        return [.. json.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
    }
}
