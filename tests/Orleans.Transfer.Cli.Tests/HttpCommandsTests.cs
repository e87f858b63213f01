using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The HTTP option commands against a scripted client: what reaches the service, and that no secret is printed.</summary>
public sealed class HttpCommandsTests : IDisposable
{
    private const string Password = "pw-Zq7!xK2#vR9";
    private static readonly string s_id = FakeTransferClient.JobId.ToString();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-http-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task SetCredentials_ReadsThePasswordFromStdin_AndPrintsItNowhere()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(
            client, Password + "\n", "job", "set-credentials", s_id, "--target", "proxy", "--scheme", "ntlm", "--user", @"CORP\bob");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new JobCredential(AuthTarget.Proxy, AuthScheme.Ntlm, @"CORP\bob", Password), Assert.Single(client.SentCredentials));
        Assert.Contains(@"proxy ntlm credentials set for CORP\bob", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCredentials_PasswordFile_DropsOneLineEnd()
    {
        var file = Path.Combine(_work.FullName, "password");
        await File.WriteAllTextAsync(file, Password + "\r\n");
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "job", "set-credentials", s_id, "--target", "server", "--scheme", "digest", "--user", "alice", "--password-file", file);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", Password), Assert.Single(client.SentCredentials));
    }

    [Fact]
    public async Task SetCredentials_EmptyStdin_IsAUsageError_BeforeTheService()
    {
        var run = await CliRun.WithoutServiceAsync("job", "set-credentials", s_id, "--target", "server", "--scheme", "basic", "--user", "alice");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("standard input held no password for alice", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--password " + Password)]
    [InlineData("--password=" + Password)]
    public async Task Password_OnTheCommandLine_IsRefused_WithoutQuotingIt(string passwordArguments)
    {
        var run = await CliRun.WithoutServiceAsync(
            ["job", "set-credentials", s_id, "--target", "server", "--scheme", "basic", "--user", "alice", .. passwordArguments.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--password: xfer takes no password on the command line", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scheme", "kerberos")]
    [InlineData("--target", "origin")]
    public async Task SetCredentials_UnknownName_IsAUsageErrorNamingTheOption(string option, string value)
    {
        string[] args = ["job", "set-credentials", s_id, "--target", "server", "--scheme", "basic", "--user", "alice"];
        args[Array.IndexOf(args, option) + 1] = value;

        var run = await CliRun.WithoutServiceAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{option}: '{value}' is not one of", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveCredentials_SendsTargetAndScheme()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "remove-credentials", s_id, "--target", "server", "--scheme", "negotiate");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("remove-credentials Server Negotiate", Assert.Single(client.Calls));
    }

    [Fact]
    public async Task SetHeaders_SendsTheLines_AndPrintsNoValue()
    {
        var client = new FakeTransferClient();

        var set = await CliRun.InvokeAsync(client, "job", "set-headers", s_id, "X-Api-Key: " + Password, "Accept: text/plain");
        var clear = await CliRun.InvokeAsync(client, "job", "set-headers", s_id, "--clear");

        Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());
        Assert.True(clear.ExitCode == ExitCodes.Success, clear.ToString());
        Assert.Equal(["X-Api-Key: " + Password, "Accept: text/plain"], client.SentHttp[0].CustomHeaders!);
        Assert.Empty(client.SentHttp[1].CustomHeaders!);
        Assert.DoesNotContain(Password, set.Out + set.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Api-Key " + Password)]
    [InlineData("Bad Name: " + Password)]
    public async Task SetHeaders_Malformed_IsAUsageError_WithoutTheValue(string header)
    {
        var run = await CliRun.WithoutServiceAsync("job", "set-headers", s_id, "Accept: */*", header);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("<header>: header 2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetHeaders_NeitherLinesNorClear_IsAUsageError()
    {
        var run = await CliRun.WithoutServiceAsync("job", "set-headers", s_id);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("either header lines", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetProxy_Override_SendsTheLists()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "job", "set-proxy", s_id, "--usage", "override", "--proxy", "http://proxy:3128", "--proxy", "https=secure:8443", "--bypass", "<local>");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var proxy = Assert.Single(client.SentHttp).Proxy!;
        Assert.Equal(ProxyUsage.Override, proxy.Usage);
        Assert.Equal(["http://proxy:3128", "https=secure:8443"], proxy.Proxies!);
        Assert.Equal(["<local>"], proxy.Bypass!);
    }

    [Theory]
    [InlineData("--usage override", "--proxy: --usage override needs at least one --proxy")]
    [InlineData("--usage none --proxy p:1", "only with --usage override, not none")]
    [InlineData("--usage override --proxy ftp://p", "--proxy: 'ftp://p' is not a proxy")]
    [InlineData("--usage sometimes", "--usage: 'sometimes' is not one of")]
    public async Task SetProxy_BadCombination_IsAUsageErrorNamingTheOption(string options, string message)
    {
        var run = await CliRun.WithoutServiceAsync(["job", "set-proxy", s_id, .. options.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetClientCert_Files_AreMadeAbsolute_AndThePasswordComesFromStdin()
    {
        var client = new FakeTransferClient();

        var pkcs12 = await CliRun.InvokeAsync(client, "job", "set-client-cert", s_id, "--file", "client.pfx");
        var pem = await CliRun.WithInputAsync(
            client, Password + "\n", "job", "set-client-cert", s_id, "--file", "cert.pem", "--key", "key.pem", "--password-stdin");
        var store = await CliRun.InvokeAsync(client, "job", "set-client-cert", s_id, "--store", "My", "--subject", "CN=client");
        var remove = await CliRun.InvokeAsync(client, "job", "set-client-cert", s_id, "--remove");

        Assert.All(new[] { pkcs12, pem, store, remove }, run => Assert.True(run.ExitCode == ExitCodes.Success, run.ToString()));
        Assert.Equal(
            [
                new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, Path.GetFullPath("client.pfx")),
                new ClientCertificateSpec(ClientCertificateSource.PemFiles, Path.GetFullPath("cert.pem"), Path.GetFullPath("key.pem"), Password),
                new ClientCertificateSpec(ClientCertificateSource.Store, StoreName: "My", Subject: "CN=client"),
                null,
            ],
            client.SentCertificates);
        Assert.DoesNotContain(Password, pem.Out + pem.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--file a.pfx --store My", "give --file")]
    [InlineData("--store My", "--store: give exactly one of --thumbprint and --subject")]
    [InlineData("--store My --subject CN=x --key k.pem", "--key, --password-stdin: only with --file")]
    [InlineData("--file a.pfx --thumbprint 00", "--thumbprint, --subject: only with --store")]
    [InlineData("--remove --file a.pfx", "--remove: takes no other option")]
    public async Task SetClientCert_BadCombination_IsAUsageError(string options, string message)
    {
        var run = await CliRun.WithoutServiceAsync(["job", "set-client-cert", s_id, .. options.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobSet_HttpOptions_GoInOneUpdate()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(
            client, "job", "set", s_id, "--redirects", "report", "--dynamic-content", "true", "--max-size", "10M",
            "--ignore-cert-errors", "name-mismatch,unknown-ca", "--check-revocation", "false");
        var removeLimit = await CliRun.InvokeAsync(client, "job", "set", s_id, "--max-size", "0");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.True(removeLimit.ExitCode == ExitCodes.Success, removeLimit.ToString());
        Assert.Equal(
            [
                new HttpOptionsUpdate(
                    Redirects: RedirectPolicy.Report,
                    IgnoreCertificateErrors: CertificateErrors.NameMismatch | CertificateErrors.UnknownAuthority,
                    CheckRevocation: false,
                    DynamicContent: true,
                    MaxDownloadBytes: 10L << 20),
                new HttpOptionsUpdate(MaxDownloadBytes: 0),
            ],
            client.SentHttp);
        Assert.Equal(["set-http", "set-http"], client.Calls);
    }

    [Theory]
    [InlineData("--max-size", "ten", "--max-size: 'ten' is not a size")]
    [InlineData("--redirects", "sometimes", "--redirects: 'sometimes' is not one of allow, report, deny")]
    [InlineData("--dynamic-content", "yes", "--dynamic-content: 'yes' is not true or false")]
    [InlineData("--ignore-cert-errors", "date,expired", "--ignore-cert-errors: 'date,expired' is not none nor a list")]
    public async Task JobSet_BadHttpValue_IsAUsageErrorNamingTheOption(string option, string value, string message)
    {
        var run = await CliRun.WithoutServiceAsync("job", "set", s_id, option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRemoteUrl_AndReplaceRemotePrefix_ReachTheService()
    {
        var client = new FakeTransferClient();

        var url = await CliRun.InvokeAsync(client, "job", "set-remote-url", s_id, "1", "https://mirror.example.com/b.bin");
        var prefix = await CliRun.InvokeAsync(client, "job", "replace-remote-prefix", s_id, "https://example.com/", "https://mirror.example.com/");
        var badIndex = await CliRun.WithoutServiceAsync("job", "set-remote-url", s_id, "-1", "https://x/");

        Assert.True(url.ExitCode == ExitCodes.Success, url.ToString());
        Assert.True(prefix.ExitCode == ExitCodes.Success, prefix.ToString());
        Assert.Equal(
            ["set-remote-url 1 https://mirror.example.com/b.bin", "replace-remote-prefix https://example.com/ https://mirror.example.com/"],
            client.Calls);
        Assert.Equal(ExitCodes.Usage, badIndex.ExitCode);
    }

    [Fact]
    public async Task Transfer_HttpOptions_AreCreatedWithTheJob()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(
            client, Password + "\n", "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--user", "alice", "--auth", "digest",
            "--header", "X-Api-Key: k1", "--header", "Accept: */*", "--proxy", "proxy:3128", "--max-size", "1G");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var request = client.LastCreate!;
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", Password), Assert.Single(request.Credentials!));
        Assert.Equal(["X-Api-Key: k1", "Accept: */*"], request.Http!.CustomHeaders!);
        Assert.Equal(ProxyUsage.Override, request.Http.Proxy!.Usage);
        Assert.Equal(["proxy:3128"], request.Http.Proxy.Proxies!);
        Assert.Equal(1L << 30, request.Http.MaxDownloadBytes);
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_WithoutHttpOptions_SendsNone_AndNoProxyMeansNone()
    {
        var client = new FakeTransferClient();

        await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait");
        var plain = client.LastCreate!;
        var direct = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--no-proxy");

        Assert.Equal((null, null), (plain.Http, plain.Credentials));
        Assert.True(direct.ExitCode == ExitCodes.Success, direct.ToString());
        Assert.Equal(new ProxySettings(ProxyUsage.None), client.LastCreate!.Http!.Proxy);
    }

    [Fact]
    public async Task Segments_JobSetAndTransfer_CarryTheJobsConnections()
    {
        var client = new FakeTransferClient();

        var set = await CliRun.InvokeAsync(client, "job", "set", s_id, "--segments", "1");
        var reset = await CliRun.InvokeAsync(client, "job", "set", s_id, "--segments", "0");
        var transfer = await CliRun.InvokeAsync(client, "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--segments", "8");
        var refused = await CliRun.WithoutServiceAsync("job", "set", s_id, "--segments", "17");

        Assert.True(set.ExitCode == ExitCodes.Success, set.ToString());
        Assert.True(reset.ExitCode == ExitCodes.Success, reset.ToString());
        Assert.True(transfer.ExitCode == ExitCodes.Success, transfer.ToString());
        Assert.Equal([new HttpOptionsUpdate(Segments: 1), new HttpOptionsUpdate(Segments: 0)], client.SentHttp);
        Assert.Equal(new HttpOptionsUpdate(Segments: 8), client.LastCreate!.Http);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--segments: '17' is not 1 (one connection per file) to 16", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--auth basic", "--auth: needs --user")]
    [InlineData("--proxy p:1 --no-proxy", "--proxy, --no-proxy: choose one")]
    public async Task Transfer_BadHttpCombination_IsAUsageError(string options, string message)
    {
        var run = await CliRun.WithoutServiceAsync(["transfer", "https://example.com/a.bin", "a.bin", .. options.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
