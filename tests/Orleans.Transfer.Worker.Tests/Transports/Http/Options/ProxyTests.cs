using Orleans.Transfer.Http;
using Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>
/// Proxy settings and proxy credentials through a real squid (Basic, and NTLM with ntlm_fake_auth: a real handshake
/// whose password is not checked) and a real tinyproxy (Basic), to the test origin on 127.0.0.1.
/// </summary>
public sealed class ProxyTests(SquidPeer squid, TinyproxyPeer tinyproxy)
    : HttpOptionsTestBase, IClassFixture<SquidPeer>, IClassFixture<TinyproxyPeer>
{
    [PeerFact]
    public async Task Start_SquidBasicWithCredentials_DownloadsThroughTheProxy()
    {
        var file = Origin.AddGenerated("p.bin", 200_000, seed: 11);
        var url = Origin.UrlFor("p.bin");
        var credentials = new JobCredential(AuthTarget.Proxy, AuthScheme.Basic, SquidPeer.User, SquidPeer.Password);
        var request = Request(url, OptionsFor(url, [credentials], Through(squid.Address)));

        AssertCompleted(await RunAsync(request));

        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Contains($" {SquidPeer.User} ", squid.AccessLog, StringComparison.Ordinal);
    }

    [PeerFact]
    public async Task Start_SquidWithoutCredentials_Is407()
    {
        var file = Origin.AddGenerated("p.bin", 1000, seed: 12);
        var url = Origin.UrlFor("p.bin");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, proxy: Through(squid.Address)))));

        Assert.Equal(407, failure.HttpStatus);
        Assert.Equal(0, file.Requests);
    }

    [PeerFact]
    public async Task Start_SquidWrongPassword_Is407()
    {
        Origin.AddGenerated("p.bin", 1000, seed: 13);
        var url = Origin.UrlFor("p.bin");
        var wrong = new JobCredential(AuthTarget.Proxy, AuthScheme.Basic, SquidPeer.User, "wrong");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, [wrong], Through(squid.Address)))));

        Assert.Equal(407, failure.HttpStatus);
    }

    [PeerFact]
    public async Task Start_SquidNtlmHandshake_Downloads()
    {
        var file = Origin.AddGenerated("n.bin", 150_000, seed: 14);
        var url = Origin.UrlFor("n.bin");
        var ntlm = new JobCredential(AuthTarget.Proxy, AuthScheme.Ntlm, @"XFER\proxyuser", "any-password");
        var request = Request(url, OptionsFor(url, [ntlm], Through(squid.Address)));

        AssertCompleted(await RunAsync(request));

        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
        Assert.Contains(" xfer-ntlm-user ", squid.AccessLog, StringComparison.Ordinal);
    }

    [PeerFact]
    public async Task Start_TinyproxyBasicWithCredentials_Downloads()
    {
        var file = Origin.AddGenerated("t.bin", 200_000, seed: 15);
        var url = Origin.UrlFor("t.bin");
        var credentials = new JobCredential(AuthTarget.Proxy, AuthScheme.Basic, TinyproxyPeer.User, TinyproxyPeer.Password);
        var request = Request(url, OptionsFor(url, [credentials], Through(tinyproxy.Address)));

        AssertCompleted(await RunAsync(request));

        Assert.Equal(file.ComputeSha256(), Sha256Of(request.TempPath));
    }

    [PeerFact]
    public async Task Start_TinyproxyWithoutCredentials_Is407()
    {
        Origin.AddGenerated("t.bin", 1000, seed: 16);
        var url = Origin.UrlFor("t.bin");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, proxy: Through(tinyproxy.Address)))));

        Assert.Equal(407, failure.HttpStatus);
    }

    [PeerFact]
    public async Task Start_HostInTheBypassList_GoesDirect()
    {
        var file = Origin.AddGenerated("b.bin", 1000, seed: 17);
        var url = Origin.UrlFor("b.bin");
        var proxy = new ProxySettings(ProxyUsage.Override, [$"127.0.0.1:{squid.Address.Port}"], ["127.0.0.1"]);

        AssertCompleted(await RunAsync(Request(url, OptionsFor(url, proxy: proxy))));

        Assert.Equal(1, file.Requests);
    }

    [PeerFact]
    public async Task Start_ProxyEntryForAnotherScheme_GoesDirect()
    {
        Origin.AddGenerated("s.bin", 1000, seed: 18);
        var url = Origin.UrlFor("s.bin");
        var proxy = new ProxySettings(ProxyUsage.Override, [$"https=127.0.0.1:{squid.Address.Port}"]);

        AssertCompleted(await RunAsync(Request(url, OptionsFor(url, proxy: proxy))));
    }

    [PeerFact]
    public async Task Start_AutoDetectOnLinux_FailsWithInvalidProxy()
    {
        var url = Origin.UrlFor("x.bin");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, proxy: new ProxySettings(ProxyUsage.AutoDetect)))));

        Assert.Equal(TransferErrorCode.InvalidProxy, failure.Code);
        Assert.Contains("WPAD", failure.Message, StringComparison.Ordinal);
    }
}
