using Orleans.Transfer.Http;

namespace Orleans.Transfer.Tests.Http;

/// <summary>A job's HTTP options through the grain: what callers see, what is refused, and which field the refusal names.</summary>
[Collection(HttpOptionsCollection.Name)]
public sealed class HttpOptionsTests(HttpOptionsClusterFixture fixture)
{
    [Fact]
    public async Task Options_RoundTripThroughInfo_NullMembersUnchanged_EmptyHeadersClear_ZeroRemovesTheLimit()
    {
        var (job, _) = await fixture.NewJobAsync("options round trip");
        var defaults = (await job.GetInfoAsync()).Http!;
        Assert.Empty(defaults.Credentials);
        Assert.Empty(defaults.CustomHeaderNames);
        Assert.Equal((ProxyUsage.System, RedirectPolicy.Allow, CertificateErrors.None, false, false),
            (defaults.Proxy.Usage, defaults.Redirects, defaults.IgnoreCertificateErrors, defaults.CheckRevocation, defaults.DynamicContent));
        Assert.Null(defaults.MaxDownloadBytes);
        Assert.Null(defaults.ClientCertificate);

        var proxy = new ProxySettings(ProxyUsage.Override, ["http://proxy.example:3128"], ["*.internal", "<local>"]);
        var info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(
            CustomHeaders: ["X-Api-Key: secret-value-1", "Accept-Language: fr"],
            Proxy: proxy,
            Redirects: RedirectPolicy.Report,
            IgnoreCertificateErrors: CertificateErrors.NameMismatch | CertificateErrors.DateInvalid,
            CheckRevocation: true,
            MaxDownloadBytes: 1_000_000));

        var http = info.Http!;
        Assert.Equal(["X-Api-Key", "Accept-Language"], http.CustomHeaderNames);
        Assert.Equal(ProxyUsage.Override, http.Proxy.Usage);
        Assert.Equal(proxy.Proxies, http.Proxy.Proxies);
        Assert.Equal(proxy.Bypass, http.Proxy.Bypass);
        Assert.Equal((RedirectPolicy.Report, CertificateErrors.NameMismatch | CertificateErrors.DateInvalid, true, false, 1_000_000L),
            (http.Redirects, http.IgnoreCertificateErrors, http.CheckRevocation, http.DynamicContent, http.MaxDownloadBytes));

        info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(DynamicContent: true));
        Assert.Equal(["X-Api-Key", "Accept-Language"], info.Http!.CustomHeaderNames);
        Assert.Equal((RedirectPolicy.Report, true, 1_000_000L), (info.Http.Redirects, info.Http.DynamicContent, info.Http.MaxDownloadBytes));

        info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: [], MaxDownloadBytes: 0));
        Assert.Empty(info.Http!.CustomHeaderNames);
        Assert.Null(info.Http.MaxDownloadBytes);
        Assert.Equal(ProxyUsage.Override, info.Http.Proxy.Usage);
    }

    [Fact]
    public async Task Segments_SetShownAndZeroGoesBackToTheDefault_OutOfRangeRefusedNamingTheField()
    {
        var (job, _) = await fixture.NewJobAsync("segments");
        Assert.Null((await job.GetInfoAsync()).Http!.Segments);

        var info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(Segments: 1));
        Assert.Equal(1, info.Http!.Segments);

        info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(Redirects: RedirectPolicy.Report));
        Assert.Equal(1, info.Http!.Segments);

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetHttpOptionsAsync(new HttpOptionsUpdate(Segments: 17)));
        Assert.Equal((TransferErrorCode.InvalidArgument, "http.segments"), (refused.Code, refused.Field));
        Assert.Contains("1 (one connection per file) to 16", refused.Message, StringComparison.Ordinal);

        info = await job.SetHttpOptionsAsync(new HttpOptionsUpdate(Segments: 0));
        Assert.Null(info.Http!.Segments);
    }

    [Fact]
    public async Task Credentials_AreSet_ReplacedPerTargetAndScheme_AndRemoved_NeverShowingThePassword()
    {
        var (job, _) = await fixture.NewJobAsync("credentials");

        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "first-password"));
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Proxy, AuthScheme.Ntlm, @"CORP\bob", "proxy-password"));
        var info = await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "carol", "second-password"));

        Assert.Equal(
            [new CredentialInfo(AuthTarget.Server, AuthScheme.Basic, "carol"), new CredentialInfo(AuthTarget.Proxy, AuthScheme.Ntlm, @"CORP\bob")],
            info.Http!.Credentials.OrderBy(c => c.Target).ThenBy(c => c.Scheme));
        Assert.DoesNotContain("password", info.ToString(), StringComparison.Ordinal);

        info = await job.RemoveCredentialsAsync(AuthTarget.Server, AuthScheme.Basic);
        Assert.Equal([new CredentialInfo(AuthTarget.Proxy, AuthScheme.Ntlm, @"CORP\bob")], info.Http!.Credentials);

        // Removing what is not there changes nothing.
        info = await job.RemoveCredentialsAsync(AuthTarget.Server, AuthScheme.Digest);
        Assert.Single(info.Http!.Credentials);
    }

    [Fact]
    public async Task AuthorizationHeader_AndServerCredentials_ExcludeEachOther_AndProxyAuthorizationIsTheTransports()
    {
        var (job, _) = await fixture.NewJobAsync("authorization conflicts");
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", "pw"));

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["X-A: 1", "authorization: Bearer t"])));
        Assert.Equal((TransferErrorCode.InvalidArgument, "http.customHeaders[1]"), (refused.Code, refused.Field));
        Assert.Contains("server credentials", refused.Message, StringComparison.Ordinal);

        // A custom Proxy-Authorization would reach servers the proxy does not front: proxy credentials are the way.
        refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["Proxy-Authorization: Basic eDp5"])));
        Assert.Equal((TransferErrorCode.InvalidArgument, "http.customHeaders[0]"), (refused.Code, refused.Field));
        Assert.Contains("transport owns", refused.Message, StringComparison.Ordinal);

        // Server credentials are refused while the job has a custom Authorization header.
        var (other, _) = await fixture.NewJobAsync("authorization header first");
        await other.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: ["Authorization: Bearer t"]));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => other.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "p", "pw")));
        Assert.Equal(TransferErrorCode.InvalidArgument, refused.Code);
        Assert.Contains("Authorization", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await other.GetInfoAsync()).Http!.Credentials);
    }

    [Fact]
    public async Task ClientCertificate_IsCheckedBeforeItIsRead_SetFromTheOwnersFile_AndRemovedWithNull()
    {
        using var certificate = new TestClientCertificate();
        var (job, _) = await fixture.NewJobAsync("client certificate");

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetClientCertificateAsync(new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, "client.pfx")));
        Assert.Equal((TransferErrorCode.InvalidArgument, "clientCertificate.path"), (refused.Code, refused.Field));

        var info = await job.SetClientCertificateAsync(new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, certificate.Path, Password: certificate.Password));
        Assert.Equal(certificate.Thumbprint, info.Http!.ClientCertificate!.Thumbprint);

        info = await job.SetClientCertificateAsync(null);
        Assert.Null(info.Http!.ClientCertificate);
        Assert.Null((await job.SetClientCertificateAsync(null)).Http!.ClientCertificate);
    }

    [Fact]
    public async Task AutoDetectProxy_IsRefusedOffWindows_NamingProxyUsage()
    {
        var (job, _) = await fixture.NewJobAsync("autodetect");

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetHttpOptionsAsync(new HttpOptionsUpdate(Proxy: new ProxySettings(ProxyUsage.AutoDetect))));

        Assert.Equal((TransferErrorCode.InvalidProxy, "proxy.usage"), (refused.Code, refused.Field));
        Assert.Equal(ProxyUsage.System, (await job.GetInfoAsync()).Http!.Proxy.Usage);
    }

    [Fact]
    public async Task DynamicContent_AndRangedFiles_ExcludeEachOther()
    {
        var (job, _) = await fixture.NewJobAsync("dynamic and ranges");
        await job.AddFilesAsync([new FileSpec(fixture.AddFile(100), fixture.NewDestination(), [new ByteRange(0, 10)])]);

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.SetHttpOptionsAsync(new HttpOptionsUpdate(DynamicContent: true)));
        Assert.Equal((TransferErrorCode.InvalidArgument, "http.dynamicContent"), (refused.Code, refused.Field));

        var (dynamic, _) = await fixture.NewJobAsync("dynamic");
        await dynamic.SetHttpOptionsAsync(new HttpOptionsUpdate(DynamicContent: true));
        refused = await Assert.ThrowsAsync<TransferJobException>(() => dynamic.AddFilesAsync(
            [new FileSpec(fixture.AddFile(100), fixture.NewDestination()), new FileSpec(fixture.AddFile(100), fixture.NewDestination(), [new ByteRange(5, 5)])]));
        Assert.Equal((TransferErrorCode.InvalidArgument, "files[1].ranges"), (refused.Code, refused.Field));
        Assert.Empty((await dynamic.GetInfoAsync()).Files);
    }

    [Fact]
    public async Task EveryOperation_OnAFinalJob_IsInvalidState()
    {
        var (job, _) = await fixture.NewJobAsync("final", fixture.AddFile(10));
        await job.CancelAsync();

        Func<Task>[] operations =
        [
            () => job.SetHttpOptionsAsync(new HttpOptionsUpdate(CheckRevocation: true)),
            () => job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "a", "b")),
            () => job.RemoveCredentialsAsync(AuthTarget.Server, AuthScheme.Basic),
            () => job.SetClientCertificateAsync(null),
            () => job.SetRemoteUrlAsync(0, fixture.AddFile(10)),
            () => job.ReplaceRemotePrefixAsync("http://", "https://"),
        ];
        foreach (var operation in operations)
        {
            Assert.Equal(TransferErrorCode.InvalidState, (await Assert.ThrowsAsync<TransferJobException>(operation)).Code);
        }
    }

    [Fact]
    public async Task Create_WithOptionsAndCredentials_AppliesThemTogether_AndBadInputCreatesNothing()
    {
        var id = Guid.NewGuid();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(id);
        var request = new CreateJobRequest(
            "created with options", null, JobType.Download, JobPriority.Normal, "tester",
            Files: [new FileSpec(fixture.AddFile(10), fixture.NewDestination())],
            Http: new HttpOptionsUpdate(CustomHeaders: ["X-Trace: 1"], Redirects: RedirectPolicy.Deny),
            Credentials: [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "pw"), new JobCredential(AuthTarget.Server, AuthScheme.Basic, "bob", "pw2")]);

        var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(request));
        Assert.Equal((TransferErrorCode.InvalidArgument, "credentials[1]"), (refused.Code, refused.Field));
        Assert.Equal(TransferErrorCode.NotFound, (await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync)).Code);

        refused = await Assert.ThrowsAsync<TransferJobException>(() => job.CreateAsync(request with
        {
            Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "pw")],
            Http = new HttpOptionsUpdate(CustomHeaders: ["Authorization: Bearer x"]),
        }));
        Assert.Equal("http.customHeaders[0]", refused.Field);
        Assert.Equal(TransferErrorCode.NotFound, (await Assert.ThrowsAsync<TransferJobException>(job.GetInfoAsync)).Code);

        var info = await job.CreateAsync(request with { Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "pw")] });
        Assert.Equal([new CredentialInfo(AuthTarget.Server, AuthScheme.Basic, "alice")], info.Http!.Credentials);
        Assert.Equal((RedirectPolicy.Deny, "X-Trace"), (info.Http.Redirects, Assert.Single(info.Http.CustomHeaderNames)));
        await job.CancelAsync();
    }
}
