using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Issue 10, part 1: the service touches files only with the owner's rights. Real users against the real service
/// running as root: each attack fails with a clear error and changes nothing; the legitimate paths work, including
/// write access through an ACL and through a supplementary group. A service of its own for each test.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OwnerFileAccessTests : IAsyncLifetime
{
    private const string Alice = LocalUsers.Alice;
    private const long SmallSize = 256 * 1024;

    private readonly RootOnlyService _test = new();
    private uint _alice;

    private string AliceDirectory => Service.DirectoryOf(Alice);

    private string Small => Service.Origin.UrlFor("small.bin").ToString();

    private MultiUserService Service => _test.Service;

    public async Task InitializeAsync()
    {
        if (await _test.StartAsync(prepare: () => OwnerFileScene.EnsureWritersGroupAsync(Alice)))
        {
            _alice = (uint)await LocalUsers.UidAsync(Alice);
        }
    }

    public Task DisposeAsync() => _test.DisposeAsync();

    [RootFact]
    public async Task Download_IntoItsOwnDirectory_LandsOwnedByTheUser()
    {
        var destination = Path.Combine(AliceDirectory, "mine.bin");

        await Service.XferOkAsync(Alice, "transfer", Small, destination, "-q");

        Assert.Equal(SmallSize, new FileInfo(destination).Length);
        Assert.Equal(_alice, OwnerFileScene.OwnerOf(destination));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(destination));
    }

    [RootFact]
    public async Task Download_IntoARootOnlyDirectory_IsRefusedWithDestinationNotWritable_AndCreatesNothing()
    {
        var rootOnly = OwnerFileScene.RootOnlyDirectory(Service.Root, "root-only-dest");

        var result = await Service.XferAsync(Alice, ["transfer", Small, Path.Combine(rootOnly, "planted.bin"), "--no-wait"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("DestinationNotWritable", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(rootOnly));
        Assert.Empty(await JobIdsAsync(Alice));
    }

    [RootFact]
    public async Task Download_OntoADeviceNode_DoesNotReplaceIt()
    {
        var device = Path.Combine(AliceDirectory, "device");
        await OwnerFileScene.AsAsync(null, "mknod", device, "c", "1", "3");

        var result = await Service.XferAsync(Alice, ["transfer", Small, device, "-q"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("DestinationNotRegularFile", result.Error, StringComparison.Ordinal);
        Assert.Equal(UnixFileType.CharacterDevice, OwnerFileScene.TypeOf(device));
    }

    [RootFact]
    public async Task Download_OntoDevNull_DoesNotReplaceIt()
    {
        var result = await Service.XferAsync(Alice, ["transfer", Small, "/dev/null", "--no-wait"]);

        Assert.Contains("DestinationNotWritable", result.Error, StringComparison.Ordinal);
        Assert.Equal(UnixFileType.CharacterDevice, OwnerFileScene.TypeOf("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.xfer-*"));
    }

    [RootFact]
    public async Task Transfer_AFileOnlyRootMayRead_IsRefusedWithAccessDenied()
    {
        var rootOnly = OwnerFileScene.RootOnlyDirectory(Service.Root, "root-only-src");
        var secret = OwnerFileScene.RootFile(rootOnly, "secret", "root's secret");
        var copy = Path.Combine(AliceDirectory, "copy");

        var (_, job) = await TransferExpectingErrorAsync(copy, new Uri(secret).AbsoluteUri);

        Assert.Equal("AccessDenied", ErrorCode(job));
        Assert.Contains(secret, ErrorMessage(job), StringComparison.Ordinal);
        Assert.False(File.Exists(copy));

        // The job's temporary file waits for a resume or a cancel, empty: not a byte of the secret reached it.
        Assert.All(Directory.GetFiles(AliceDirectory, ".copy.xfer-*"), temp => Assert.Equal(0, new FileInfo(temp).Length));
    }

    [RootFact]
    public async Task Transfer_AFifoSource_FailsAtOnce_AndTheJobCanBeCancelled()
    {
        var fifo = Path.Combine(AliceDirectory, "pipe");
        await OwnerFileScene.AsAsync(Alice, "mkfifo", fifo);

        var (_, job) = await TransferExpectingErrorAsync(Path.Combine(AliceDirectory, "from-pipe"), new Uri(fifo).AbsoluteUri);

        Assert.Equal("SourceNotRegularFile", ErrorCode(job));
        var id = job.GetProperty("id").GetString()!;
        await Service.XferOkAsync(Alice, "job", "cancel", id);
        Assert.Equal("Cancelled", (await Service.JobJsonAsync(Alice, id)).GetProperty("state").GetString());
    }

    [RootFact]
    public async Task SymbolicLinkPlantedAtTheTempName_IsNotWrittenThrough()
    {
        var victim = OwnerFileScene.RootFile(Service.Root, "victim-symlink", "root's file");
        var destination = Path.Combine(AliceDirectory, "via-symlink.bin");
        var id = await Service.CreateSuspendedJobAsync(Alice, destination);
        await OwnerFileScene.AsAsync(Alice, "ln", "-s", victim, TempOf(destination, id));

        await ResumeToCompletionAsync(id);

        Assert.Equal("root's file", await File.ReadAllTextAsync(victim));
        Assert.Equal(SmallSize, new FileInfo(destination).Length);
        Assert.Equal(_alice, OwnerFileScene.OwnerOf(destination));
    }

    [RootFact]
    public async Task HardLinkPlantedAtTheTempName_IsNotWrittenThrough()
    {
        // Root plants it: with fs.protected_hardlinks a user cannot link root's file, and the service must not rely on it.
        var victim = OwnerFileScene.RootFile(AliceDirectory, "victim-hardlink", "root's file");
        var destination = Path.Combine(AliceDirectory, "via-hardlink.bin");
        var id = await Service.CreateSuspendedJobAsync(Alice, destination);
        await OwnerFileScene.AsAsync(null, "ln", victim, TempOf(destination, id));

        await ResumeToCompletionAsync(id);

        Assert.Equal("root's file", await File.ReadAllTextAsync(victim));
        Assert.Equal(0u, OwnerFileScene.OwnerOf(victim));
        Assert.Equal(SmallSize, new FileInfo(destination).Length);
    }

    [RootFact]
    public async Task DestinationDirectorySwappedForALinkToARootOnlyDirectory_IsRefused()
    {
        var rootOnly = OwnerFileScene.RootOnlyDirectory(Service.Root, "root-only-swap");
        var directory = Path.Combine(AliceDirectory, "swapped");
        await OwnerFileScene.AsAsync(Alice, "mkdir", directory);
        var id = await Service.CreateSuspendedJobAsync(Alice, Path.Combine(directory, "file.bin"));
        await OwnerFileScene.AsAsync(Alice, "mv", directory, directory + ".old");
        await OwnerFileScene.AsAsync(Alice, "ln", "-s", rootOnly, directory);

        await Service.XferOkAsync(Alice, "job", "resume", id);
        var watched = await Service.XferAsync(Alice, ["job", "watch", id, "-q"]);

        Assert.Equal(1, watched.ExitCode);
        var job = await Service.JobJsonAsync(Alice, id);
        Assert.Equal("DestinationNotWritable", ErrorCode(job));
        Assert.Empty(Directory.GetFileSystemEntries(rootOnly));
    }

    [RootFact]
    public async Task Download_IntoADirectoryWritableOnlyThroughAnAcl_Works()
    {
        await OwnerFileScene.EnsureSetfaclAsync();
        var directory = OwnerFileScene.RootOnlyDirectory(Service.Root, "acl-dir");
        await OwnerFileScene.AsAsync(null, "setfacl", "-m", $"u:{Alice}:rwx", directory);
        var destination = Path.Combine(directory, "through-acl.bin");

        await Service.XferOkAsync(Alice, "transfer", Small, destination, "-q");

        Assert.Equal(SmallSize, new FileInfo(destination).Length);
        Assert.Equal(_alice, OwnerFileScene.OwnerOf(destination));
        Assert.Equal([destination], Directory.GetFileSystemEntries(directory));
    }

    [RootFact]
    public async Task Download_IntoADirectoryWritableOnlyThroughASupplementaryGroup_Works()
    {
        var directory = OwnerFileScene.RootOnlyDirectory(Service.Root, "group-dir");
        await OwnerFileScene.AsAsync(null, "chgrp", OwnerFileScene.WritersGroup, directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_000);
        var destination = Path.Combine(directory, "through-group.bin");

        await Service.XferOkAsync(Alice, "transfer", Small, destination, "-q");

        Assert.Equal(SmallSize, new FileInfo(destination).Length);
        Assert.Equal(_alice, OwnerFileScene.OwnerOf(destination));
        Assert.Equal([destination], Directory.GetFileSystemEntries(directory));
    }

    private static string TempOf(string destination, string id) =>
        Path.Combine(Path.GetDirectoryName(destination)!, string.Create(
            CultureInfo.InvariantCulture, $".{Path.GetFileName(destination)}.xfer-{Guid.Parse(id):N}.tmp"));

    private async Task<IReadOnlyList<string>> JobIdsAsync(string user)
    {
        using var json = JsonDocument.Parse(await Service.XferOkAsync(user, "job", "list", "--format", "json"));
        return [.. json.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
    }

    private static string? ErrorCode(JsonElement job) => job.GetProperty("error").GetProperty("code").GetString();

    private static string ErrorMessage(JsonElement job) => job.GetProperty("error").GetProperty("message").GetString()!;

    /// <summary>Starts a transfer as Alice, waits for it to end in Error, and returns the watch result and the job.</summary>
    private async Task<(CommandResult Watch, JsonElement Job)> TransferExpectingErrorAsync(string destination, string? remote = null)
    {
        var id = (await Service.XferOkAsync(Alice, "transfer", remote ?? Small, destination, "--no-wait")).Trim();
        var watched = await Service.XferAsync(Alice, ["job", "watch", id, "-q"]);
        Assert.True(watched.ExitCode == 1, $"{watched}\nsilo log:\n{Service.Silo.ReadLog()}");
        return (watched, await Service.JobJsonAsync(Alice, id));
    }

    private async Task ResumeToCompletionAsync(string id)
    {
        await Service.XferOkAsync(Alice, "job", "resume", id);
        await Service.XferOkAsync(Alice, "job", "watch", id, "-q");
        await Service.XferOkAsync(Alice, "job", "complete", id);
    }
}
