using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi.Access;

namespace Orleans.Transfer.LocalApi.Tests.Access;

public sealed class JobRedactionTests
{
    private static readonly CallerInfo s_owner = new("unix:1000", "alice", IsAdministrator: false);
    private static readonly CallerInfo s_admin = new("unix:0", "root", IsAdministrator: true);

    private static readonly JobInfo s_job = new(
        Guid.NewGuid(), "job", "", JobType.Download, JobState.Transferred, JobPriority.Normal, "unix:1000",
        new JobProgress(1, 1, 1, 1),
        [new JobFileInfo("https://origin/a?sig=1", "/d/a", [], 1, 1, true, null, "https://user:pw@cdn/a?token=2")],
        null, 0, TimeSpan.Zero, TimeSpan.Zero, new JobTimes(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null), TimeSpan.Zero, null, null, null,
        JobHttpInfo.Default with { Credentials = [new CredentialInfo(AuthTarget.Server, AuthScheme.Basic, "alice")], CustomHeaderNames = ["X-Key"] });

    [Fact]
    public void ForCaller_AnotherOwnersJob_HidesTheFinalUrlsSecrets_AndShowsHttpAsItIs()
    {
        var seen = JobRedaction.ForCaller(s_admin, s_job);

        Assert.Equal("https://cdn/a?…", seen.Files[0].FinalUrl);
        Assert.Equal("https://origin/a?…", seen.Files[0].RemoteUrl);
        Assert.Same(s_job.Http, seen.Http);
    }

    [Fact]
    public void ForCaller_Owner_SeesTheFinalUrlWhole() =>
        Assert.Equal("https://user:pw@cdn/a?token=2", JobRedaction.ForCaller(s_owner, s_job).Files[0].FinalUrl);

    [Fact]
    public void ForCaller_NoFinalUrl_StaysNull()
    {
        var job = s_job with { Files = [s_job.Files[0] with { FinalUrl = null }] };

        Assert.Null(JobRedaction.ForCaller(s_admin, job).Files[0].FinalUrl);
    }
}
