using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Tests.Identity;

/// <summary>The libc account lookups against this machine's real account database.</summary>
public sealed class UnixAccountsTests
{
    // No account has this uid, and no group this name, on a test machine.
    private const uint NoSuchUid = 3_999_999_999;
    private const string NoSuchGroup = "xfer-no-such-group";

    [Fact]
    public void FindUser_Root_IsRootWithItsPrimaryGroup() =>
        Assert.Equal(new UnixUser("root", 0), UnixAccounts.FindUser(0));

    [Fact]
    public void FindUser_UnknownUid_IsNull() => Assert.Null(UnixAccounts.FindUser(NoSuchUid));

    [Fact]
    public void FindGroupId_KnownAndUnknownGroups()
    {
        Assert.Equal(0u, UnixAccounts.FindGroupId("root"));
        Assert.Null(UnixAccounts.FindGroupId(NoSuchGroup));
    }

    [Fact]
    public void GroupsOf_IncludesThePrimaryGroup()
    {
        var daemon = UnixAccounts.FindUser(1);
        Assert.NotNull(daemon);

        Assert.Contains(daemon.PrimaryGroupId, UnixAccounts.GroupsOf(daemon.Name, daemon.PrimaryGroupId));
        Assert.Contains(0u, UnixAccounts.GroupsOf("root", 0));
    }
}
