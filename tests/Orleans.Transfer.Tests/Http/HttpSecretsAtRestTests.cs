using Orleans.Transfer.Http;
using Orleans.Transfer.Tests.State;

namespace Orleans.Transfer.Tests.Http;

/// <summary>
/// A job's HTTP secrets never reach the silo's real SQLite database in plain text (B68, B75): neither a password, nor
/// a header value, nor a client certificate's key; info shows none of them; TakeOwnership strips them (B96).
/// </summary>
[Collection(HttpOptionsCollection.Name)]
public sealed class HttpSecretsAtRestTests(HttpOptionsClusterFixture fixture)
{
    [Fact]
    public async Task Secrets_AreStoredOnlyEncrypted_AndTakeOwnershipStripsThem_KeepingTheRest()
    {
        using var certificate = new TestClientCertificate();
        var name = $"secrets at rest {Guid.NewGuid():N}";
        var (job, _) = await fixture.NewJobAsync(name, fixture.AddFile(100));
        var password = $"password-{Guid.NewGuid():N}";
        var proxyPassword = $"proxy-password-{Guid.NewGuid():N}";
        var headerValue = $"header-value-{Guid.NewGuid():N}";
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", password));
        await job.SetCredentialsAsync(new JobCredential(AuthTarget.Proxy, AuthScheme.Digest, "proxy-user", proxyPassword));
        await job.SetHttpOptionsAsync(new HttpOptionsUpdate(CustomHeaders: [$"X-Api-Key: {headerValue}"], Redirects: RedirectPolicy.Report, MaxDownloadBytes: 4096));
        var info = await job.SetClientCertificateAsync(new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, certificate.Path, Password: certificate.Password));

        Assert.Equal((ClientCertificateSource.Pkcs12File, certificate.Path, certificate.Thumbprint, "CN=xfer test client"),
            (info.Http!.ClientCertificate!.Source, info.Http.ClientCertificate.Origin, info.Http.ClientCertificate.Thumbprint, info.Http.ClientCertificate.Subject));
        string[] secrets = [password, proxyPassword, headerValue, certificate.Password, certificate.PrivateKeyBase64, PemBody(certificate.PrivateKeyPem)];
        AssertHoldsNone(info.ToString(), secrets);

        var rows = new StoredRows(fixture.DataDirectory);
        var stored = await rows.ReadJobAsync(name);
        AssertHoldsNone(stored, secrets);
        AssertHoldsNone(await rows.ReadFilesAsync(), secrets);
        Assert.Contains("ProtectedPassword", stored, StringComparison.Ordinal);
        Assert.Contains("ProtectedHeaders", stored, StringComparison.Ordinal);
        Assert.Contains("ProtectedClientCertificate", stored, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", stored, StringComparison.Ordinal);

        info = await job.TakeOwnershipAsync("new-owner");

        Assert.Equal("new-owner", info.Owner);
        Assert.Empty(info.Http!.Credentials);
        Assert.Empty(info.Http.CustomHeaderNames);
        Assert.Null(info.Http.ClientCertificate);
        Assert.Equal((RedirectPolicy.Report, 4096L), (info.Http.Redirects, info.Http.MaxDownloadBytes));
        stored = await rows.ReadJobAsync(name);
        Assert.DoesNotContain("ProtectedPassword", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ProtectedHeaders\":\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ProtectedClientCertificate\":\"", stored, StringComparison.Ordinal);
        await job.CancelAsync();
    }

    private static void AssertHoldsNone(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret of {secret.Length} characters starting '{secret[..4]}' was found.");
        }
    }

    // A recognisable piece of the key's PEM body: one of its base64 lines.
    private static string PemBody(string pem) => pem.Split('\n')[2];
}
