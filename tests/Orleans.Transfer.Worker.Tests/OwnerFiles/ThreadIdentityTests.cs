using System.Runtime.Versioning;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

[SupportedOSPlatform("linux")]
public sealed class ThreadIdentityTests : OwnerFilesFixture
{
    [LinuxRootFact]
    public void Assume_AnotherUid_ThatThreadCannotOpenARootOnlyFile_OthersCan_AndItIsRootAgainAfterRestore()
    {
        var secret = Write("secret", "root only", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var target = new UnixCredentials(Nobody, Nobody, []);
        var switched = new ManualResetEventSlim();
        var checkedByOthers = new ManualResetEventSlim();
        Exception? denied = null;
        UnixCredentials? whileSwitched = null;
        UnixCredentials? original = null;
        UnixCredentials? restored = null;
        var (assumed, restoredOk) = (-2, false);
        string? readAfter = null;

        // Nothing on this thread may throw: it would end the test process, not fail the test.
        var thread = new Thread(() =>
        {
            original = UnixThreadIdentity.Current();
            assumed = UnixThreadIdentity.Assume(target);
            whileSwitched = UnixThreadIdentity.Current();
            denied = Record.Exception(() => File.ReadAllText(secret));
            switched.Set();
            checkedByOthers.Wait();
            restoredOk = UnixThreadIdentity.TryRestore(original);
            restored = UnixThreadIdentity.Current();
            readAfter = Record.Exception(() => File.ReadAllText(secret))?.Message ?? File.ReadAllText(secret);
        });
        thread.Start();
        switched.Wait();

        // Only that thread changed: this one is still root.
        Assert.Equal("root only", File.ReadAllText(secret));
        checkedByOthers.Set();
        thread.Join();

        Assert.Equal((0, true), (assumed, restoredOk));
        Assert.Equal((Nobody, Nobody), (whileSwitched!.UserId, whileSwitched.GroupId));
        Assert.Empty(whileSwitched.Groups);
        Assert.IsType<UnauthorizedAccessException>(denied);
        Assert.Equal((0u, original!.GroupId), (restored!.UserId, restored.GroupId));
        Assert.Equal(original.Groups.Order(), restored.Groups.Order());
        Assert.Equal("root only", readAfter);
    }

    [LinuxRootFact]
    public async Task OpenSource_AsNobody_IsDeniedByTheKernel_AndTheSameThreadServesRootAfter()
    {
        var secret = Write("secret", "root only", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Files.OpenSourceAsync(NobodyOwner, secret, CancellationToken.None));

        // One owner thread: the service's own request runs on the thread that just acted as nobody.
        using var opened = await Files.OpenSourceAsync(owner: null, secret, CancellationToken.None);
        Assert.Equal(9, opened.Size);
    }

    [LinuxRootFact]
    public async Task OpenSource_AFileReadableOnlyByAGroup_IsReadWithThatSupplementaryGroupOnly()
    {
        // A gid nobody belongs to, and a uid with no account: its gid is its uid and it has no groups.
        var shared = Write("group-only", "for the group", (UnixFileMode)0b110_100_000);
        await RunAsync("chown", "0:54321", shared);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Files.OpenSourceAsync("unix:54322", shared, CancellationToken.None));

        var member = new UnixCredentials(54322, 54322, [54321]);
        var (assumed, restored) = (-2, false);
        string? read = null;
        var thread = new Thread(() =>
        {
            var original = UnixThreadIdentity.Current();
            assumed = UnixThreadIdentity.Assume(member);
            read = Record.Exception(() => File.ReadAllText(shared))?.Message ?? File.ReadAllText(shared);
            restored = UnixThreadIdentity.TryRestore(original);
        });
        thread.Start();
        thread.Join();
        Assert.Equal((0, true, "for the group"), (assumed, restored, read));
    }
}
