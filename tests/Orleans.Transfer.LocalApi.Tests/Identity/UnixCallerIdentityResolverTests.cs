using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Hosting;
using Orleans.Transfer.LocalApi.Identity;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Tests.Identity;

public sealed class UnixCallerIdentityResolverTests
{
    [Fact]
    public void Resolve_ConnectionWithoutCredentials_IsNotAuthenticated()
    {
        var resolver = new UnixCallerIdentityResolver(Options.Create(new LocalApiOptions()));

        var ex = Assert.Throws<TransferJobException>(() => resolver.Resolve(new DefaultHttpContext()));

        Assert.Equal(TransferErrorCode.NotAuthenticated, ex.Code);
    }

    [Fact]
    public void ForRootService_Root_IsAdministrator() =>
        Assert.Equal(new CallerInfo("unix:0", "root", true), UnixCallerIdentityResolver.ForRootService(0, "unix:0", new UnixUser("root", 0), adminGroup: null));

    [Fact]
    public void ForRootService_MemberOfTheAdminGroup_IsAdministrator()
    {
        // daemon (uid 1) is in its own primary group and not in root's.
        var daemon = UnixAccounts.FindUser(1);
        Assert.NotNull(daemon);
        var primaryGroup = GroupName(daemon.PrimaryGroupId);

        Assert.True(UnixCallerIdentityResolver.ForRootService(1, "unix:1", daemon, primaryGroup).IsAdministrator);
        Assert.False(UnixCallerIdentityResolver.ForRootService(1, "unix:1", daemon, "root").IsAdministrator);
        Assert.False(UnixCallerIdentityResolver.ForRootService(1, "unix:1", daemon, adminGroup: null).IsAdministrator);
    }

    [Fact]
    public void ForRootService_UidWithoutAccount_IsNamedByItsOwnerId() =>
        Assert.Equal(
            new CallerInfo("unix:4242", "unix:4242", false),
            UnixCallerIdentityResolver.ForRootService(4242, "unix:4242", user: null, adminGroup: "root"));

    [Fact]
    public void ForUnprivilegedService_ItsOwnUserAndRoot_AreItsAdministrators()
    {
        Assert.Equal(new CallerInfo("unix:1000", "alice", true), UnixCallerIdentityResolver.ForUnprivilegedService(1000, "unix:1000", "alice", 1000, "alice"));
        Assert.Equal(new CallerInfo("unix:0", "root", true), UnixCallerIdentityResolver.ForUnprivilegedService(0, "unix:0", "root", 1000, "alice"));
    }

    [Fact]
    public void ForUnprivilegedService_AnotherUser_IsToldToUseTheSystemService()
    {
        var ex = Assert.Throws<TransferJobException>(() => UnixCallerIdentityResolver.ForUnprivilegedService(1001, "unix:1001", "bob", 1000, "alice"));

        Assert.Equal(TransferErrorCode.AccessDenied, ex.Code);
        Assert.StartsWith("This service runs as alice and serves only alice; use the system service", ex.Message, StringComparison.Ordinal);
    }

    private static string GroupName(uint gid) =>
        File.ReadLines("/etc/group").Select(line => line.Split(':')).First(fields => fields[2] == gid.ToString(System.Globalization.CultureInfo.InvariantCulture))[0];
}
