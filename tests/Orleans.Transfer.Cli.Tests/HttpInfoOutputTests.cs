using System.Text.Json;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>job info</c> shows the HTTP options that differ from the defaults, and each file's final URL.</summary>
public sealed class HttpInfoOutputTests
{
    private static readonly string s_id = FakeTransferClient.JobId.ToString();

    public static JobInfo WithHttp() => FakeTransferClient.Sample(JobState.Suspended) with
    {
        Http = new JobHttpInfo(
            [new CredentialInfo(AuthTarget.Server, AuthScheme.Basic, "alice"), new CredentialInfo(AuthTarget.Proxy, AuthScheme.Ntlm, @"CORP\bob")],
            ["X-Api-Key", "Accept"],
            new ProxySettings(ProxyUsage.Override, ["http://proxy:3128"], ["<local>"]),
            RedirectPolicy.Report,
            CertificateErrors.NameMismatch | CertificateErrors.DateInvalid,
            CheckRevocation: true,
            DynamicContent: true,
            MaxDownloadBytes: 10L << 20,
            new ClientCertificateInfo(
                ClientCertificateSource.Pkcs12File, "/home/alice/client.pfx", "CN=alice", "0123456789ABCDEF0123456789ABCDEF01234567",
                new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero))),
        Files =
        [
            new JobFileInfo("https://example.com/a.bin", "/data/a.bin", [], 512, 512, true, null, "https://cdn.example.com/a.bin"),
            new JobFileInfo("https://example.com/b.bin", "/data/b.bin", [], null, 0, false, null),
        ],
    };

    [Fact]
    public async Task Text_ShowsTheOptionsThatAreSet()
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient { Job = WithHttp() }, "job", "info", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        string[] expected =
        [
            "Credentials          server basic alice",
            @"Credentials          proxy ntlm CORP\bob",
            "Custom headers       X-Api-Key, Accept",
            "Proxy                override via http://proxy:3128, bypass <local>",
            "Redirects            report",
            "Ignore cert errors   name-mismatch,date",
            "Check revocation     yes",
            "Dynamic content      yes",
            "Max size             10.0 MiB",
            "Client certificate   CN=alice, thumbprint 0123456789ABCDEF0123456789ABCDEF01234567, expires 2027-06-01 00:00:00Z, from /home/alice/client.pfx",
            "file 0 redirected to https://cdn.example.com/a.bin",
        ];
        Assert.All(expected, line => Assert.Contains(line, run.Out, StringComparison.Ordinal));
        Assert.DoesNotContain("file 1 redirected", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_DefaultOptions_ShowNothingMore()
    {
        var job = FakeTransferClient.Sample(JobState.Suspended) with { Http = JobHttpInfo.Default };

        var run = await CliRun.InvokeAsync(new FakeTransferClient { Job = job }, "job", "info", s_id);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        foreach (var field in new[] { "Credentials", "Custom headers", "Proxy", "Redirects", "Max size", "Client certificate", "redirected" })
        {
            Assert.DoesNotContain(field, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_ShowsJobHttpInfoAsItComes()
    {
        var run = await CliRun.InvokeAsync(new FakeTransferClient { Job = WithHttp() }, "job", "info", s_id, "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var http = json.RootElement.GetProperty("http");
        Assert.Equal("Server", http.GetProperty("credentials")[0].GetProperty("target").GetString());
        Assert.Equal("alice", http.GetProperty("credentials")[0].GetProperty("userName").GetString());
        Assert.Equal(["X-Api-Key", "Accept"], http.GetProperty("customHeaderNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Override", http.GetProperty("proxy").GetProperty("usage").GetString());
        Assert.Equal("Report", http.GetProperty("redirects").GetString());
        Assert.Equal(10L << 20, http.GetProperty("maxDownloadBytes").GetInt64());
        Assert.Equal("CN=alice", http.GetProperty("clientCertificate").GetProperty("subject").GetString());
        Assert.Equal("https://cdn.example.com/a.bin", json.RootElement.GetProperty("files")[0].GetProperty("finalUrl").GetString());
    }
}
