using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>What the handler is given: credentials per scheme and host, and the override proxy's choices.</summary>
public sealed class HandlerPartsTests
{
    [Fact]
    public void JobCredentials_AnswerOnlyTheirSchemeAndTheJobsHosts()
    {
        var credentials = new JobCredentials(
            AuthTarget.Server,
            [
                new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", "pw"),
                new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, @"CORP\bob", "pw2"),
                new JobCredential(AuthTarget.Proxy, AuthScheme.Basic, "proxy", "pw3"),
            ],
            ["https://files.example:443"]);
        var files = new Uri("https://files.example/a.bin");

        Assert.Equal("alice", credentials.GetCredential(files, "Digest")?.UserName);
        Assert.Null(credentials.GetCredential(files, "Basic"));
        Assert.Equal("CORP", credentials.GetCredential(files, "NTLM")?.Domain);
        Assert.Equal("bob", credentials.GetCredential(files, "NTLM")?.UserName);
        Assert.Null(credentials.GetCredential(new Uri("https://elsewhere.example/a.bin"), "Digest"));
        Assert.Null(credentials.GetCredential(new Uri("https://files.example:8443/a.bin"), "Digest"));

        // Plain http to the https file's host and port is another origin: a redirect there gets nothing in clear.
        Assert.Null(credentials.GetCredential(new Uri("http://files.example:443/a.bin"), "Digest"));
    }

    [Fact]
    public void OverrideProxy_FirstEntryForTheSchemeWins_AndLoopbackIsNotBypassed()
    {
        var proxy = new OverrideProxy(new ProxySettings(ProxyUsage.Override, ["https=secure:3129", "plain:3128"]));

        Assert.Equal(new Uri("http://secure:3129/"), proxy.GetProxy(new Uri("https://files.example/")));
        Assert.Equal(new Uri("http://plain:3128/"), proxy.GetProxy(new Uri("http://files.example/")));
        Assert.False(proxy.IsBypassed(new Uri("http://127.0.0.1:8080/")));
    }

    [Theory]
    [InlineData("http://files.example/", "files.example", true)]
    [InlineData("http://a.corp.example/", "*.corp.example", true)]
    [InlineData("http://corp.example/", "*.corp.example", false)]
    [InlineData("http://intranet/", "<local>", true)]
    [InlineData("http://intranet.example/", "<local>", false)]
    [InlineData("http://10.1.2.3/", "10.1.2.3", true)]
    [InlineData("http://[::1]:81/", "[::1]", true)]
    [InlineData("http://other.example/", "files.example", false)]
    public void OverrideProxy_Bypass(string url, string entry, bool bypassed)
    {
        var proxy = new OverrideProxy(new ProxySettings(ProxyUsage.Override, ["proxy:3128"], [entry]));

        Assert.Equal(bypassed, proxy.IsBypassed(new Uri(url)));
    }
}
