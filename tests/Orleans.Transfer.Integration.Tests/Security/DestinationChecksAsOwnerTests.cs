using System.Runtime.Versioning;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// The checks made when files are added run with the owner's rights (docs/security.md): real users against the real
/// service running as root, through xfer and the local API.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DestinationChecksAsOwnerTests : IAsyncLifetime
{
    private const string Alice = LocalUsers.Alice;
    private const string Bob = LocalUsers.Bob;

    private readonly RootOnlyService _test = new();

    private MultiUserService Service => _test.Service;

    private string Small => Service.Origin.UrlFor("small.bin").ToString();

    public async Task InitializeAsync() => await _test.StartAsync();

    public Task DisposeAsync() => _test.DisposeAsync();

    /// <summary>
    /// Adds: a destination inside another user's 0700 directory is refused DestinationNotWritable with the same answer
    /// whether the inner directory exists or not (root, which the service is, would have found it and could write
    /// there); nothing is added to the job and no probe is left.
    /// </summary>
    [RootFact]
    public async Task AddFile_InsideAnotherUsersPrivateDirectory_IsNotWritable_WhetherItExistsOrNot()
    {
        var bobs = Service.DirectoryOf(Bob);
        File.SetUnixFileMode(bobs, (UnixFileMode)0b111_000_000);
        var inner = Path.Combine(bobs, "inner");
        await OwnerFileScene.AsAsync(Bob, "mkdir", inner);
        var id = (await Service.XferOkAsync(Alice, "job", "create", "peek")).Trim();

        var existing = await Service.XferAsync(Alice, ["job", "add-file", id, Small, Path.Combine(inner, "f.bin")]);
        var missing = await Service.XferAsync(Alice, ["job", "add-file", id, Small, Path.Combine(bobs, "nothing", "f.bin")]);

        Assert.Equal(3, existing.ExitCode);
        Assert.Contains("DestinationNotWritable", existing.Error, StringComparison.Ordinal);
        Assert.Equal(
            existing.Error.Replace(inner, "<dir>", StringComparison.Ordinal),
            missing.Error.Replace(Path.Combine(bobs, "nothing"), "<dir>", StringComparison.Ordinal));
        Assert.Equal((3, existing.Output), (missing.ExitCode, missing.Output));
        Assert.Empty(Directory.GetFileSystemEntries(inner));
        Assert.Equal(0, (await Service.JobJsonAsync(Alice, id)).GetProperty("files").GetArrayLength());
    }

    /// <summary>
    /// Adds: one request of many files, one of them refused, adds none of them (the create of a job with them leaves
    /// no job), while the same files in the owner's own directory are accepted with no probe left behind.
    /// </summary>
    [RootFact]
    public async Task Create_WithOneRefusedFileAmongMany_CreatesNothing_AndTheOwnersOwnAreAccepted()
    {
        var own = Service.DirectoryOf(Alice);
        var rootOnly = OwnerFileScene.RootOnlyDirectory(Service.Root, "root-only-many");
        var list = Path.Combine(Service.SharedDirectory, "alice-files.txt");
        var good = Enumerable.Range(0, 50).Select(i => $"{Small} {Path.Combine(own, $"f{i}.bin")}").ToList();
        await File.WriteAllLinesAsync(list, [.. good, $"{Small} {Path.Combine(rootOnly, "f.bin")}"]);
        File.SetUnixFileMode(list, (UnixFileMode)0b110_100_100);

        var refused = await Service.XferAsync(Alice, ["transfer", "-i", list, "--no-wait"]);

        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("DestinationNotWritable", refused.Error, StringComparison.Ordinal);
        Assert.Contains("files[50].localPath", refused.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(own));
        Assert.Empty(Directory.GetFileSystemEntries(rootOnly));

        await File.WriteAllLinesAsync(list, good);
        var id = (await Service.XferOkAsync(Alice, "job", "create", "mine")).Trim();
        await Service.XferOkAsync(Alice, "job", "add-file", id, "-i", list);
        Assert.Equal(50, (await Service.JobJsonAsync(Alice, id)).GetProperty("files").GetArrayLength());
        Assert.Empty(Directory.GetFileSystemEntries(own));
    }
}
