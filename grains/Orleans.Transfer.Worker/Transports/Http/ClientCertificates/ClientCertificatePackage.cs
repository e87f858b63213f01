using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>Turns loaded certificates into what a job stores: PKCS#12 without a password, and what callers see.</summary>
internal static class ClientCertificatePackage
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Checks that <paramref name="leaf"/> has a private key and may authenticate a client, then packs it with
    /// <paramref name="chain"/> (intermediates sent with it). Throws ClientCertificateInvalid naming <paramref name="field"/>.
    /// </summary>
    public static LoadedClientCertificate Pack(
        X509Certificate2 leaf, IEnumerable<X509Certificate2> chain, ClientCertificateSource source, string origin, string field)
    {
        if (!leaf.HasPrivateKey)
        {
            throw Invalid(field, $"{origin} holds the certificate {leaf.Subject} but not its private key; give the key too.");
        }

        if (leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthenticationOid))
        {
            throw Invalid(field, $"the certificate {leaf.Subject} in {origin} is not for client authentication (its extended key usage lacks clientAuth).");
        }

        var collection = new X509Certificate2Collection(leaf);
        foreach (var certificate in chain.Where(c => c.Thumbprint != leaf.Thumbprint))
        {
            collection.Add(certificate);
        }

        byte[]? pkcs12;
        try
        {
            pkcs12 = collection.Export(X509ContentType.Pkcs12);
        }
        catch (CryptographicException ex)
        {
            throw Invalid(field, $"the private key of {leaf.Subject} in {origin} cannot be exported ({ex.Message}); the job stores its own encrypted copy, so the key must be exportable.");
        }

        var info = new ClientCertificateInfo(
            source, origin, leaf.Subject, leaf.Thumbprint, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        return new LoadedClientCertificate(pkcs12 ?? [], info);
    }

    public static TransferJobException Invalid(string field, string message) =>
        new(TransferErrorCode.ClientCertificateInvalid, $"{field}: {message}", field);
}
