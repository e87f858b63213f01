using Orleans.Transfer.Http;
using Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>Server-certificate rules (BITS ignore flags and CRL check) against a real Kestrel TLS server.</summary>
public sealed class ServerCertificateTests : HttpOptionsTestBase
{
    [Fact]
    public async Task Start_SelfSignedByDefault_FailsWithTlsFailureNamingTheChain()
    {
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer());

        var failure = AssertFailed(await RunAsync(Request(server.FileUrl, http: null)));

        Assert.Equal(TransferErrorCode.TlsFailure, failure.Code);
        Assert.Contains("UntrustedRoot", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Served);
    }

    [Fact]
    public async Task Start_SelfSignedWithUnknownAuthorityIgnored_Downloads()
    {
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer());
        var request = Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.UnknownAuthority));

        AssertCompleted(await RunAsync(request));

        AssertContent(server.Content, request);
    }

    [Fact]
    public async Task Start_SelfSignedWithOnlyNameMismatchIgnored_FailsNamingTheAuthority()
    {
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer());

        var failure = AssertFailed(await RunAsync(Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.NameMismatch))));

        Assert.Equal(TransferErrorCode.TlsFailure, failure.Code);
        Assert.Contains("(unknownAuthority)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Served);
    }

    [Fact]
    public async Task Start_CertificateForAnotherName_NeedsNameMismatchIgnoredToo()
    {
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer(dnsName: "files.example"));

        var failure = AssertFailed(await RunAsync(Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.UnknownAuthority))));
        var both = Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.UnknownAuthority | CertificateErrors.NameMismatch), owner: null);

        Assert.Contains("(nameMismatch)", failure.Message, StringComparison.Ordinal);
        AssertCompleted(await RunAsync(both with { TempPath = Path.Combine(Scratch, "both.tmp") }));
    }

    [PeerFact]
    public async Task Start_RevokedCertificate_FailsOnlyWhenRevocationIsChecked()
    {
        using var authority = TrustedAuthority.Create("xfer revoking CA");
        var certificate = TestCertificates.CreateServer(authority.Certificate, crlUrl: Origin.UrlFor("revoking.crl"));
        Origin.AddFile("revoking.crl", TestCertificates.CreateRevocationList(authority.Certificate, certificate));
        await using var server = await TlsPeer.StartAsync(certificate);
        var plain = Request(server.FileUrl, http: null);
        var checkedRequest = Request(server.FileUrl, OptionsFor(server.FileUrl, checkRevocation: true)) with { TempPath = Path.Combine(Scratch, "checked.tmp") };

        AssertCompleted(await RunAsync(plain));
        var failure = AssertFailed(await RunAsync(checkedRequest));

        Assert.Equal(TransferErrorCode.TlsFailure, failure.Code);
        Assert.Contains("it is revoked", failure.Message, StringComparison.Ordinal);
    }

    [PeerFact]
    public async Task Start_RevocationChecked_CrlUnreachable_FailsSayingItCouldNotBeChecked()
    {
        using var authority = TrustedAuthority.Create("xfer unreachable CA");
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer(authority.Certificate, crlUrl: Origin.UrlFor("missing.crl")));

        var failure = AssertFailed(await RunAsync(Request(server.FileUrl, OptionsFor(server.FileUrl, checkRevocation: true))));

        Assert.Equal(TransferErrorCode.TlsFailure, failure.Code);
        Assert.Contains("revocation could not be checked", failure.Message, StringComparison.Ordinal);
    }
}
