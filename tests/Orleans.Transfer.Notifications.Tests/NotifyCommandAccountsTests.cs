using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Notifications.Tests;

/// <summary>
/// Whom a notify command runs as, with real accounts (<c>nobody</c> stands for another user) and real programs. The
/// switch itself needs root, as the service has when it serves several users.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class NotifyCommandAccountsTests : IDisposable
{
    private const string OtherUser = "nobody";
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-notify-as-");

    public void Dispose() => _directory.Delete(recursive: true);

    [RootFact]
    public void TryResolve_UnixOwnerOfAnotherAccount_RunsAsThatAccountInItsEnvironment()
    {
        var other = NotifyAccountLookup.FindByName(OtherUser)!;

        Assert.True(PlatformAccounts.Create().TryResolve($"unix:{other.UserId}", out var account, out var refusal), refusal);

        Assert.Equal(OtherUser, account.UserName);
        Assert.Equal($"{OtherUser} (uid {other.UserId})", account.Description);
        Assert.Equal(OtherUser, account.Environment["USER"]);
        Assert.Equal(OtherUser, account.Environment["LOGNAME"]);
        Assert.Equal(other.HomeDirectory, account.Environment["HOME"]);
        Assert.Equal(Directory.Exists(other.HomeDirectory) ? other.HomeDirectory : "/", account.WorkingDirectory);
    }

    [RootFact]
    public void TryResolve_RootsOwnJob_RunsWithoutSwitching()
    {
        Assert.True(PlatformAccounts.Create().TryResolve("unix:0", out var account, out var refusal), refusal);

        Assert.Null(account.UserName);
        Assert.Equal("root", account.Environment["USER"]);
    }

    [RootFact]
    public void TryResolve_BareUserName_RunsAsThatUser()
    {
        Assert.True(PlatformAccounts.Create().TryResolve(OtherUser, out var account, out var refusal), refusal);

        Assert.Equal(OtherUser, account.UserName);
    }

    [RootFact]
    public void TryResolve_UnixOwnerWithoutAccount_Refused()
    {
        Assert.False(PlatformAccounts.Create().TryResolve("unix:3999999999", out _, out var refusal));

        Assert.Contains("unix:3999999999 has no account", refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public void TryResolve_MalformedUnixOwner_Refused()
    {
        Assert.False(PlatformAccounts.Create().TryResolve("unix:-1", out _, out var refusal));

        Assert.Contains("is not unix:<uid>", refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public void TryResolve_TrustedServicesOwnerWithoutTrustedAccount_Refused()
    {
        Assert.False(PlatformAccounts.Create().TryResolve("tenant-42@backup.example", out _, out var refusal));

        Assert.Contains("Transfer:Security:TrustedServiceAccount is not set", refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public void TryResolve_TrustedServicesOwner_RunsAsTheTrustedServiceAccount()
    {
        Assert.True(PlatformAccounts.Create(OtherUser).TryResolve("tenant-42@backup.example", out var account, out var refusal), refusal);

        Assert.Equal(OtherUser, account.UserName);
    }

    [RootFact]
    public void TryResolve_TrustedServiceAccountMissing_Refused()
    {
        Assert.False(PlatformAccounts.Create("xfer-no-such-account").TryResolve("tenant-42@backup.example", out _, out var refusal));

        Assert.Contains("'xfer-no-such-account', which has no account", refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task RunAsync_AnotherOwnersJob_RunsAsThatOwnerWithItsGroups()
    {
        var other = NotifyAccountLookup.FindByName(OtherUser)!;
        File.SetUnixFileMode(_directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var script = WriteScript("who.sh", """echo "uid=$(id -u) gid=$(id -g) groups=$(id -G) home=$HOME cwd=$(pwd)" """, everyone: true);

        var result = await CreateRunner().RunAsync(script, [], Notifications.TransferredFor($"unix:{other.UserId}")).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        var groups = string.Join(' ', UnixAccounts.GroupsOf(OtherUser, UnixAccounts.FindUser(other.UserId)!.PrimaryGroupId));
        var cwd = Directory.Exists(other.HomeDirectory) ? other.HomeDirectory : "/";
        Assert.Contains(
            $"uid={other.UserId} gid={UnixAccounts.FindUser(other.UserId)!.PrimaryGroupId} groups={groups} home={other.HomeDirectory} cwd={cwd}",
            result.Detail,
            StringComparison.Ordinal);
    }

    [RootFact]
    public async Task RunAsync_ProgramTheOwnerCannotReach_NotStarted()
    {
        // The directory is root's 0700: root could run the program, its owner cannot, and the kernel decides.
        var script = WriteScript("private.sh", "echo ran", everyone: true);

        var result = await CreateRunner().RunAsync(script, [], Notifications.TransferredFor(OtherUser)).WaitAsync(s_bound);

        Assert.False(result.Delivered, result.Detail);
        Assert.Contains($"could not be started as {OtherUser}", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Permission denied", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("stdout:", result.Detail, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task RunAsync_OwnerWithoutAccount_NotRunNotDelivered()
    {
        var marker = PathFor("ran");
        var script = WriteScript("touch.sh", $"touch '{marker}'", everyone: false);

        var result = await CreateRunner().RunAsync(script, [], Notifications.TransferredFor("unix:3999999999")).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("has no account", result.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    private static NotifyCommandRunner CreateRunner() =>
        new(PlatformAccounts.Create(), Options.Create(new NotificationOptions()), TimeProvider.System, NullLogger<NotifyCommandRunner>.Instance);

    private string PathFor(string name) => Path.Combine(_directory.FullName, name);

    private string WriteScript(string name, string body, bool everyone)
    {
        var path = PathFor(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(path, everyone
            ? mode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            : mode);
        return path;
    }
}
