using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Http;
using Orleans.Transfer.Worker.Tests.OwnerFiles;
using Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>
/// Client certificates: read from PKCS#12 and PEM files with the owner's rights, then presented to a real Kestrel
/// server that requires one.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ClientCertificateTests : HttpOptionsTestBase
{
    private const string NobodyOwner = "unix:65534";
    private const string Password = "pfx-pass";
    private const UnixFileMode ReadableByAll = (UnixFileMode)0b110_100_100;

    [LinuxFact]
    public async Task Start_ServerRequiresACertificate_FailsWithoutAndDownloadsWithIt()
    {
        using var client = TestCertificates.CreateClient();
        await using var server = await TlsPeer.StartAsync(TestCertificates.CreateServer(), requiredClient: client);
        var loaded = await ReadAsync(null, new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, WritePfx(client, ReadableByAll), Password: Password));
        var without = Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.UnknownAuthority));
        var with = Request(server.FileUrl, OptionsFor(server.FileUrl, ignore: CertificateErrors.UnknownAuthority, clientCertificate: loaded.Pkcs12))
            with { TempPath = Path.Combine(Scratch, "with.tmp") };

        var failed = await RunAsync(without, options => options.RetryCount = 0);
        AssertCompleted(await RunAsync(with));

        Assert.Equal(TransferEventKind.Failed, failed[^1].Kind);
        Assert.Equal(1, server.Served);
        AssertContent(server.Content, with);
    }

    [LinuxFact]
    public async Task ReadAsync_Pkcs12_GivesThePasswordlessPkcs12AndItsInfo()
    {
        using var client = TestCertificates.CreateClient("CN=pfx client");
        var path = WritePfx(client, ReadableByAll);

        var loaded = await ReadAsync(NobodyOwner, new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, path, Password: Password));

        Assert.Equal(new ClientCertificateInfo(ClientCertificateSource.Pkcs12File, path, "CN=pfx client", client.Thumbprint, client.NotAfter.ToUniversalTime()), loaded.Info with { NotAfter = loaded.Info.NotAfter.UtcDateTime });
        using var reloaded = X509CertificateLoader.LoadPkcs12(loaded.Pkcs12.Span, password: null);
        Assert.True(reloaded.HasPrivateKey);
        Assert.Equal($"LoadedClientCertificate {{ Info = {loaded.Info} }}", loaded.ToString());
    }

    [LinuxFact]
    public async Task ReadAsync_PemWithEncryptedKey_GivesTheCertificateWithItsKey()
    {
        using var client = TestCertificates.CreateClient("CN=pem client");
        var certificate = Write("client.crt", client.ExportCertificatePem(), ReadableByAll);
        using var rsa = client.GetRSAPrivateKey()!;
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        var key = Write("client.key", rsa.ExportEncryptedPkcs8PrivateKeyPem(Password, pbe), ReadableByAll);

        var loaded = await ReadAsync(NobodyOwner, new ClientCertificateSpec(ClientCertificateSource.PemFiles, certificate, key, Password));

        Assert.Equal(client.Thumbprint, loaded.Info.Thumbprint);
        Assert.Equal(ClientCertificateSource.PemFiles, loaded.Info.Source);
        using var reloaded = X509CertificateLoader.LoadPkcs12(loaded.Pkcs12.Span, password: null);
        Assert.True(reloaded.HasPrivateKey);
    }

    [LinuxFact]
    public async Task ReadAsync_WrongPassword_IsClientCertificateInvalid()
    {
        using var client = TestCertificates.CreateClient();
        var path = WritePfx(client, ReadableByAll);

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => ReadAsync(null, new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, path, Password: "wrong")));

        Assert.Equal(TransferErrorCode.ClientCertificateInvalid, error.Code);
        Assert.Equal("clientCertificate.password", error.Field);
    }

    [LinuxRootFact]
    public async Task ReadAsync_AFileOnlyRootMayRead_IsRefusedForAnOrdinaryOwner()
    {
        using var client = TestCertificates.CreateClient();
        var path = WritePfx(client, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => ReadAsync(NobodyOwner, new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, path, Password: Password)));

        Assert.Equal(TransferErrorCode.ClientCertificateInvalid, error.Code);
        Assert.Contains("rights of the job's owner", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task ReadAsync_StoreOnLinux_IsRefusedAsNotOffered()
    {
        var spec = new ClientCertificateSpec(ClientCertificateSource.Store, Thumbprint: new string('A', 40));

        var error = await Assert.ThrowsAsync<TransferJobException>(() => ReadAsync(NobodyOwner, spec));

        Assert.Equal(TransferErrorCode.ClientCertificateInvalid, error.Code);
        Assert.Contains("not offered", error.Message, StringComparison.Ordinal);
    }

    private static async Task<LoadedClientCertificate> ReadAsync(string? owner, ClientCertificateSpec spec)
    {
        spec.Validate();
        await using var services = CreateServices();
        return await services.GetRequiredService<IClientCertificateReader>().ReadAsync(owner ?? "", spec, CancellationToken.None);
    }

    private string WritePfx(X509Certificate2 certificate, UnixFileMode mode) =>
        Write("client.pfx", certificate.Export(X509ContentType.Pkcs12, Password), mode);

    private string Write(string name, string text, UnixFileMode mode) => Write(name, System.Text.Encoding.ASCII.GetBytes(text), mode);

    private string Write(string name, byte[] bytes, UnixFileMode mode)
    {
        // The scratch directory is the test's own (0700 by default); others must traverse it to reach the file.
        File.SetUnixFileMode(Scratch, (UnixFileMode)0b111_101_101);
        var path = Path.Combine(Scratch, name);
        File.WriteAllBytes(path, bytes);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
