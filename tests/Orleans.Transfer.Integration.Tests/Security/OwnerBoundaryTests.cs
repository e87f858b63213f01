using System.Runtime.Versioning;
using System.Text.Json;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Issue 9's "what is wrong today", tried by real users against the real service running as root: each attack fails
/// with a clear error and changes nothing; the legitimate paths work. One service for the class: the tests use
/// distinct jobs and never depend on each other's.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OwnerBoundaryTests : IAsyncLifetime
{
    private MultiUserService _service = null!;
    private int _alice;
    private int _bob;
    private int _carol;

    public async Task InitializeAsync()
    {
        if (new RootFactAttribute().Skip is not null)
        {
            return;
        }

        _service = await MultiUserService.StartAsync();
        _alice = await LocalUsers.UidAsync(LocalUsers.Alice);
        _bob = await LocalUsers.UidAsync(LocalUsers.Bob);
        _carol = await LocalUsers.UidAsync(LocalUsers.Carol);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [RootFact]
    public async Task EachUser_TransfersAndListsTheirOwnJobs_AndSeesNoOneElses()
    {
        var destination = Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "transferred.bin");
        await _service.XferOkAsync(LocalUsers.Alice, "transfer", _service.Origin.UrlFor("small.bin").ToString(), destination, "-q");
        Assert.Equal(256 * 1024, new FileInfo(destination).Length);

        var alices = await _service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "listed.bin"));
        var bobs = await _service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "listed.bin"));

        var aliceList = await ListIdsAsync(LocalUsers.Alice);
        Assert.Contains(alices, aliceList);
        Assert.DoesNotContain(bobs, aliceList);
        var bobList = await ListIdsAsync(LocalUsers.Bob);
        Assert.Contains(bobs, bobList);
        Assert.DoesNotContain(alices, bobList);
        Assert.Equal(MultiUserService.OwnerIdOf(_alice), (await _service.JobJsonAsync(LocalUsers.Alice, alices)).GetProperty("owner").GetString());
    }

    [RootFact]
    public async Task AnotherUser_CannotReadOrChangeAJob_AndNothingChanges()
    {
        var id = await _service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "private.bin"));

        string[][] attempts =
        [
            ["job", "info", id],
            ["job", "watch", id, "-q"],
            ["job", "cancel", id],
            ["job", "complete", id],
            ["job", "resume", id],
            ["job", "suspend", id],
            ["job", "set", id, "--display-name", "mine now"],
            ["job", "add-file", id, _service.Origin.UrlFor("small.bin").ToString(), Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "x.bin")],
            ["job", "take-ownership", id],
        ];
        foreach (var attempt in attempts)
        {
            var result = await _service.XferAsync(LocalUsers.Bob, attempt);
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
        }

        var job = await _service.JobJsonAsync(LocalUsers.Alice, id);
        Assert.Equal("Suspended", job.GetProperty("state").GetString());
        Assert.Equal($"{LocalUsers.Alice}'s job", job.GetProperty("displayName").GetString());
        Assert.Equal(MultiUserService.OwnerIdOf(_alice), job.GetProperty("owner").GetString());
        Assert.Equal(1, job.GetProperty("files").GetArrayLength());
    }

    [RootFact]
    public async Task AnotherUser_CannotListEveryOwner_ChangeThePolicy_OrStopTheService()
    {
        var before = await _service.XferOkAsync(LocalUsers.Bob, "policy", "show", "--format", "json");

        foreach (var attempt in new[] { new[] { "job", "list", "--all" }, ["policy", "set", "--normal", "1MB"], ["job", "reset", "--all"], ["service", "stop"] })
        {
            var result = await _service.XferAsync(LocalUsers.Bob, attempt);
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
        }

        Assert.True(_service.Silo.IsRunning);
        Assert.Equal(before, await _service.XferOkAsync(LocalUsers.Carol, "policy", "show", "--format", "json"));
    }

    [RootFact]
    public async Task TheOwnerIsWhoTheSocketSays_NotWhatTheClientSends()
    {
        // A hand-written request naming root as the owner.
        var raw = await UserCommand.RunAsync(
            LocalUsers.Bob,
            new Dictionary<string, string>(),
            "curl", "--silent", "--show-error", "--unix-socket", _service.SocketPath,
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
            "unshare", "--map-root-user", "curl", "--silent", "--show-error", "--unix-socket", _service.SocketPath,
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
        var xfer = await _service.XferAsync(LocalUsers.Bob, ["job", "list"], prefix: ["unshare", "--map-root-user"]);
        Assert.Contains("ServiceNotTrusted", xfer.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task DestinationClaims_ArePerOwner_SoNoUserCanBlockAnothersPath()
    {
        var path = Path.Combine(_service.SharedDirectory, "contested.bin");
        await _service.CreateSuspendedJobAsync(LocalUsers.Bob, path);

        // Bob claimed the path first; Alice's job is not refused for it.
        await _service.CreateSuspendedJobAsync(LocalUsers.Alice, path);

        // Her own second job to the same path is, as before.
        var again = (await _service.XferOkAsync(LocalUsers.Alice, "job", "create", "again")).Trim();
        var refused = await _service.XferAsync(LocalUsers.Alice, ["job", "add-file", again, _service.Origin.UrlFor("small.bin").ToString(), path]);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("DestinationInUse", refused.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task AnAdministrator_ListsAndCancelsAnyonesJobs_AndTakesOwnership()
    {
        var alices = await _service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "taken.bin"));
        var bobs = await _service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "cancelled.bin"));

        var everyone = await ListIdsAsync(LocalUsers.Carol, "--all");
        Assert.Contains(alices, everyone);
        Assert.Contains(bobs, everyone);

        await _service.XferOkAsync(LocalUsers.Carol, "job", "cancel", bobs);
        Assert.Equal("Cancelled", (await _service.JobJsonAsync(LocalUsers.Bob, bobs)).GetProperty("state").GetString());

        await _service.XferOkAsync(LocalUsers.Carol, "job", "take-ownership", alices);
        var taken = await _service.JobJsonAsync(LocalUsers.Carol, alices);
        Assert.Equal(MultiUserService.OwnerIdOf(_carol), taken.GetProperty("owner").GetString());
        Assert.Equal("Suspended", taken.GetProperty("state").GetString());
        var lost = await _service.XferAsync(LocalUsers.Alice, ["job", "info", alices]);
        Assert.Contains("AccessDenied", lost.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Reset_CancelsOnlyTheCallersJobs()
    {
        var bobs = new[]
        {
            await _service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "reset-1.bin")),
            await _service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "reset-2.bin")),
        };
        var alices = await _service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "kept.bin"));

        await _service.XferOkAsync(LocalUsers.Bob, "job", "reset");

        foreach (var id in bobs)
        {
            Assert.Equal("Cancelled", (await _service.JobJsonAsync(LocalUsers.Bob, id)).GetProperty("state").GetString());
        }

        Assert.Equal("Suspended", (await _service.JobJsonAsync(LocalUsers.Alice, alices)).GetProperty("state").GetString());
        Assert.Empty(await ListIdsAsync(LocalUsers.Bob));
    }

    [RootFact]
    public async Task AUserSquattingTheSocketPath_ReceivesNothing()
    {
        // Alice runs her own service where Bob's client will look for one.
        var squat = Directory.CreateDirectory(Path.Combine(_service.Root, "squat")).FullName;
        var home = Path.Combine(_service.DirectoryOf(LocalUsers.Alice), "home");
        await UserCommand.RunAsync(LocalUsers.Alice, new Dictionary<string, string>(), "mkdir", "-p", home);

        // The test writes the silo's output there; Alice's silo makes every file of its data directory private, so it must be hers.
        await UserCommand.RunAsync(LocalUsers.Alice, new Dictionary<string, string>(), "touch", Path.Combine(home, "silo-test.log"));
        await UserCommand.CaptureAsync("chown", $"{LocalUsers.Alice}:{LocalUsers.Alice}", squat);
        var socket = Path.Combine(squat, "xfer.sock");
        await using var squatter = new SiloProcess(
            home,
            new Dictionary<string, string> { ["XFER_SOCKET"] = socket },
            launchPrefix: ["setpriv", $"--reuid={LocalUsers.Alice}", $"--regid={LocalUsers.Alice}", "--init-groups", "--"],
            siloAssemblyPath: _service.SiloAssembly);
        await squatter.StartAsync();

        var destination = Path.Combine(_service.DirectoryOf(LocalUsers.Bob), "squatted.bin");
        var result = await _service.XferAsync(LocalUsers.Bob, ["transfer", _service.Origin.UrlFor("small.bin").ToString(), destination], socketPath: socket);
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
        using var json = JsonDocument.Parse(await _service.XferOkAsync(user, ["job", "list", "--format", "json", .. options]));
        return [.. json.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
    }
}
