using Orleans.Transfer.LocalApi.Access;

namespace Orleans.Transfer.LocalApi.Tests.Access;

public sealed class JobAccessPolicyTests
{
    private static readonly CallerInfo s_alice = new("unix:1000", "alice", IsAdministrator: false);
    private static readonly CallerInfo s_admin = new("unix:0", "root", IsAdministrator: true);

    [Theory]
    [InlineData("unix:1000", true)]
    [InlineData("alice", true)]
    [InlineData("unix:1001", false)]
    [InlineData("bob", false)]
    [InlineData("UNIX:1000", false)]
    public void IsOwnJob_OwnerIdOrLegacyUserName_CountsAsTheCallers(string jobOwner, bool expected) =>
        Assert.Equal(expected, JobAccessPolicy.IsOwnJob(s_alice, jobOwner));

    [Fact]
    public void DemandJob_AnotherOwnersJob_IsDeniedNamingTheJob()
    {
        var jobId = Guid.NewGuid();

        var ex = Assert.Throws<TransferJobException>(() => JobAccessPolicy.DemandJob(s_alice, jobId, "unix:1001"));

        Assert.Equal(TransferErrorCode.AccessDenied, ex.Code);
        Assert.Contains(jobId.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("another owner", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DemandJob_OwnJobOrAdministrator_IsAllowed()
    {
        JobAccessPolicy.DemandJob(s_alice, Guid.NewGuid(), "unix:1000");
        JobAccessPolicy.DemandJob(s_alice, Guid.NewGuid(), "alice");
        JobAccessPolicy.DemandJob(s_admin, Guid.NewGuid(), "unix:1000");
    }

    [Fact]
    public void AdministratorOnlyActions_RefuseOthersSayingWhat()
    {
        var actions = new (Action Demand, string What)[]
        {
            (() => JobAccessPolicy.DemandTakeOwnership(s_alice), "take ownership"),
            (() => JobAccessPolicy.DemandPolicyChange(s_alice), "change the bandwidth policy"),
            (() => JobAccessPolicy.DemandServiceStop(s_alice), "stop the service"),
        };

        foreach (var (demand, what) in actions)
        {
            var ex = Assert.Throws<TransferJobException>(demand);
            Assert.Equal(TransferErrorCode.AccessDenied, ex.Code);
            Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        }

        JobAccessPolicy.DemandTakeOwnership(s_admin);
        JobAccessPolicy.DemandPolicyChange(s_admin);
        JobAccessPolicy.DemandServiceStop(s_admin);
    }

    [Fact]
    public void ScopeListing_NoOwner_IsTheCallersOwnJobs()
    {
        var scoped = JobAccessPolicy.ScopeListing(s_alice, new JobListQuery(Owner: null, IncludeFinal: true, PageSize: 5));

        Assert.Equal(new JobListQuery("unix:1000", IncludeFinal: true, PageSize: 5), scoped);
    }

    [Fact]
    public void ScopeListing_OwnLegacyName_IsAllowed() =>
        Assert.Equal("alice", JobAccessPolicy.ScopeListing(s_alice, new JobListQuery("alice", IncludeFinal: false)).Owner);

    [Fact]
    public void ScopeListing_AllOwnersOrAnotherOwner_IsForAdministrators()
    {
        var all = Assert.Throws<TransferJobException>(() => JobAccessPolicy.ScopeListing(s_alice, new JobListQuery(null, false, AllOwners: true)));
        var other = Assert.Throws<TransferJobException>(() => JobAccessPolicy.ScopeListing(s_alice, new JobListQuery("unix:1001", false)));

        Assert.Equal((TransferErrorCode.AccessDenied, "allOwners"), (all.Code, all.Field));
        Assert.Equal((TransferErrorCode.AccessDenied, "owner"), (other.Code, other.Field));
    }

    [Fact]
    public void ScopeListing_AdministratorAllOwners_ListsEveryOwner()
    {
        var scoped = JobAccessPolicy.ScopeListing(s_admin, new JobListQuery("unix:5", false, AllOwners: true));

        Assert.Null(scoped.Owner);
        Assert.False(scoped.AllOwners);
        Assert.Equal("unix:1001", JobAccessPolicy.ScopeListing(s_admin, new JobListQuery("unix:1001", false)).Owner);
    }

    [Fact]
    public void ScopeReset_Own_CoversTheOwnerIdAndTheLegacyName()
    {
        Assert.Equal(["unix:1000", "alice"], JobAccessPolicy.ScopeReset(s_alice, new ResetRequest(AllOwners: false)));
        var nameless = new CallerInfo("unix:4242", "unix:4242", IsAdministrator: false);
        Assert.Equal(["unix:4242"], JobAccessPolicy.ScopeReset(nameless, new ResetRequest(AllOwners: false)));
    }

    [Fact]
    public void ScopeReset_AllOwners_IsForAdministrators()
    {
        var ex = Assert.Throws<TransferJobException>(() => JobAccessPolicy.ScopeReset(s_alice, new ResetRequest(AllOwners: true)));

        Assert.Equal(TransferErrorCode.AccessDenied, ex.Code);
        Assert.Equal([null], JobAccessPolicy.ScopeReset(s_admin, new ResetRequest(AllOwners: true)));
    }
}
