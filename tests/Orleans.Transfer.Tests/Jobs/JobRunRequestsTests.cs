using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;
using Orleans.Transfer.Storage.Secrets;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// What each run of a job receives (issue 11): its HTTP options with the secrets decrypted, the hosts server credentials
/// may go to, and the job-wide size budget; and a job whose secret cannot be decrypted fails before any request.
/// </summary>
public sealed class JobRunRequestsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly RunLog _log = new();
    private readonly ScriptedWorker _worker;

    public JobRunRequestsTests() => _worker = new ScriptedWorker(_log);

    [Fact]
    public async Task NoHttpOptions_TheRequestHasNone_SoItKeepsTheSharedPool()
    {
        var job = NewJob("http://origin/a");
        var running = NewFlight(job).RunAsync(CancellationToken.None);

        var run = await _worker.StartedAsync(0);
        run.Complete(10);

        Assert.True(await running);
        Assert.Null(run.Request.Http);
        Assert.Null(run.Request.MaxFileBytes);
    }

    [Fact]
    public async Task HttpOptions_ReachTheRequest_WithSecretsDecrypted_AndTheFilesAuthorities()
    {
        var job = NewJob("https://files.example.org/a", "http://127.0.0.1:8080/b", "file:///srv/c");
        var secrets = TestSecrets.For(job);
        byte[] certificate = [0x30, 0x82, 0x01, 0x02, 0x03];
        job.Http = new JobHttpState
        {
            Credentials = [new StoredCredential { Target = AuthTarget.Server, Scheme = AuthScheme.Basic, UserName = "alice", ProtectedPassword = secrets.ProtectPassword("pa55") }],
            ProtectedHeaders = secrets.ProtectHeaders(["X-Token: t0k3n", "X-Empty:"]),
            HeaderNames = ["X-Token", "X-Empty"],
            Proxy = new ProxySettings(ProxyUsage.Override, ["http://proxy:3128"], ["<local>"]),
            Redirects = RedirectPolicy.Report,
            IgnoreCertificateErrors = CertificateErrors.UnknownAuthority,
            CheckRevocation = true,
            ProtectedClientCertificate = secrets.ProtectClientCertificate(certificate),
        };
        var running = NewFlight(job, secrets).RunAsync(CancellationToken.None);

        var run = await _worker.StartedAsync(0);
        run.Complete(10);
        (await _worker.StartedAsync(1)).Complete(10);
        (await _worker.StartedAsync(2)).Complete(10);

        Assert.True(await running);
        var http = Assert.IsType<HttpTransferOptions>(run.Request.Http);
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "pa55"), Assert.Single(http.Credentials));
        Assert.Equal([KeyValuePair.Create("X-Token", "t0k3n"), KeyValuePair.Create("X-Empty", "")], http.Headers);
        Assert.Equal((ProxyUsage.Override, "http://proxy:3128", "<local>"), (http.Proxy.Usage, Assert.Single(http.Proxy.Proxies!), Assert.Single(http.Proxy.Bypass!)));
        Assert.Equal((RedirectPolicy.Report, CertificateErrors.UnknownAuthority, true, false), (http.Redirects, http.IgnoreCertificateErrors, http.CheckRevocation, http.DynamicContent));
        Assert.Equal(certificate, http.ClientCertificate!.Value.ToArray());
        Assert.Equal(["http://127.0.0.1:8080", "https://files.example.org:443"], http.ServerAuthorities.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("pa55", http.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAClientCertificate_TheRequestCarriesNone()
    {
        var job = NewJob("http://origin/a");
        var secrets = TestSecrets.For(job);
        job.Http = new JobHttpState
        {
            Credentials = [new StoredCredential { Target = AuthTarget.Server, Scheme = AuthScheme.Basic, UserName = "alice", ProtectedPassword = secrets.ProtectPassword("pa55") }],
        };
        var running = NewFlight(job, secrets).RunAsync(CancellationToken.None);

        var run = await _worker.StartedAsync(0);
        run.Complete(10);

        Assert.True(await running);
        Assert.Null(run.Request.Http!.ClientCertificate);
    }

    [Fact]
    public async Task MaxDownloadBytes_EachFileGetsTheLimitMinusWhatTheOtherFilesHold()
    {
        var job = NewJob("http://origin/a", "http://origin/b", "http://origin/c");
        job.Files[0].BytesTransferred = 400;
        job.Files[0].Completed = true;
        job.Files[2].BytesTransferred = 100;
        job.Files[1].BytesTransferred = 50;
        job.Http = new JobHttpState { MaxDownloadBytes = 1000 };
        var running = NewFlight(job).RunAsync(CancellationToken.None);

        var second = await _worker.StartedAsync(1);
        Assert.Equal(1000 - 400 - 100, second.Request.MaxFileBytes);
        second.Complete(300);
        var third = await _worker.StartedAsync(2);
        Assert.Equal(1000 - 400 - 300, third.Request.MaxFileBytes);
        third.Complete(300);

        Assert.True(await running);
    }

    [Fact]
    public async Task ASecretWhoseKeyIsGone_FailsTheJobBeforeAnyRequest_NamingWhatToSetAgain()
    {
        var job = NewJob("http://origin/a");
        var otherKeys = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());
        job.Http = new JobHttpState
        {
            Credentials = [new StoredCredential { Target = AuthTarget.Proxy, Scheme = AuthScheme.Ntlm, UserName = "bob", ProtectedPassword = otherKeys.Protect("pw", SecretPurposes.HttpCredential) }],
        };
        var host = new FailureRecordingHost(job, _log);

        Assert.False(await NewFlight(job, host: host).RunAsync(CancellationToken.None));

        Assert.Equal(["state Connecting", "fail 0 AuthenticationRequired"], _log.Entries);
        Assert.Contains("proxy ntlm", host.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("set the credentials again", host.Failure.Message, StringComparison.Ordinal);
        Assert.False(host.Failure.IsTransient);
    }

    [Fact]
    public async Task AReportedRedirect_IsRecordedAsTheFilesFinalUrl()
    {
        var job = NewJob("http://origin/a");
        var running = NewFlight(job).RunAsync(CancellationToken.None);

        var run = await _worker.StartedAsync(0);
        run.Write(new TransferEvent(TransferEventKind.Connected, ScriptedRun.At(0, 10), FinalUrl: "http://mirror/a"));
        run.Complete(10);

        Assert.True(await running);
        Assert.Equal("http://mirror/a", job.Files[0].FinalUrl);
    }

    private static TransferJobState NewJob(params string[] urls) => new()
    {
        Exists = true,
        State = JobState.Queued,
        Owner = "tester",
        Files = [.. urls.Select((u, i) => new JobFileState { RemoteUrl = u, TempPath = $"/tmp/.f{i}.tmp" })],
    };

    private JobRunnerFlight NewFlight(TransferJobState job, JobSecrets? secrets = null, IJobRunHost? host = null)
    {
        var jobId = Guid.NewGuid();
        var requests = new JobRunRequests(jobId, () => job, secrets ?? TestSecrets.For(job), f => new FileRun(f, TransferDirection.Download));
        return new JobRunnerFlight(jobId, () => job, host ?? new RecordingRunHost(job, _log), _worker, requests, _clock, NullLogger.Instance, maxParallelFiles: 1, new ServerConnectionCap(8));
    }

    private sealed class FailureRecordingHost(TransferJobState job, RunLog log) : IJobRunHost
    {
        private readonly RecordingRunHost _inner = new(job, log);

        public TransferFailure? Failure { get; private set; }

        public Task ChangeStateAsync(JobState target) => _inner.ChangeStateAsync(target);

        public Task FailAsync(TransferFailure failure, int fileIndex)
        {
            Failure = failure;
            return _inner.FailAsync(failure, fileIndex);
        }

        public Task PersistAsync() => _inner.PersistAsync();

        public Task FileTransferredAsync(int fileIndex) => _inner.FileTransferredAsync(fileIndex);

        public void CostPolicyChanged() => _inner.CostPolicyChanged();
    }
}
