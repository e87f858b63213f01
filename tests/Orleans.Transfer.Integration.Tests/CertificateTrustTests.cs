using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

public sealed class CertificateTrustTests : IDisposable
{
    private readonly ServiceCertificateStore _store = new(TimeProvider.System);
    private readonly X509Certificate2 _service;
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _stranger;

    public CertificateTrustTests()
    {
        _service = _store.CreateSelfSigned();
        _client = _store.CreateSelfSigned();
        _stranger = _store.CreateSelfSigned();
    }

    public void Dispose()
    {
        _service.Dispose();
        _client.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public void ServiceCertificate_IsTrustedEverywhere()
    {
        var trust = new CertificateTrust(_service, []);

        using var publicPart = X509CertificateLoader.LoadCertificate(_service.RawData);
        Assert.True(trust.IsServiceCertificate(publicPart));
        Assert.True(trust.IsTrustedClient(publicPart));
    }

    [Fact]
    public void ListedClient_IsTrustedOnTheGatewayOnly()
    {
        var trust = new CertificateTrust(_service, [CertificateThumbprint.Of(_client)]);

        Assert.True(trust.IsTrustedClient(_client));
        Assert.False(trust.IsServiceCertificate(_client));
    }

    [Fact]
    public void SameSubjectOtherKey_IsRefused()
    {
        var trust = new CertificateTrust(_service, [CertificateThumbprint.Of(_client)]);

        Assert.Equal(_service.Subject, _stranger.Subject);
        Assert.False(trust.IsTrustedClient(_stranger));
        Assert.False(trust.IsServiceCertificate(_stranger));
    }

    [Fact]
    public void OpensslFingerprintForm_IsAccepted()
    {
        var hex = CertificateThumbprint.Of(_client);
        var openssl = string.Join(':', hex.Chunk(2).Select(pair => new string(pair))).ToLowerInvariant();

        var trust = new CertificateTrust(_service, [$" {openssl} "]);

        Assert.True(trust.IsTrustedClient(_client));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("5D6C0F7E0A1B2C3D4E5F60718293A4B5C6D7E8F9011223344556677889900AAB1")]
    [InlineData("ZZ6C0F7E0A1B2C3D4E5F60718293A4B5C6D7E8F9011223344556677889900AAB")]
    [InlineData("/etc/orleans-transfer/client.crt")]
    public void TryNormalize_NotSha256Hex_IsRejected(string text) =>
        Assert.False(CertificateThumbprint.TryNormalize(text, out _));

    [Fact]
    public void Constructor_BadThumbprint_Throws() =>
        Assert.Throws<ArgumentException>(() => new CertificateTrust(_service, ["sha1:abc"]));
}
