using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orleans.Transfer.Http;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Reads a client certificate from files opened with the owner's rights (<see cref="IOwnerFileSystem"/>): a file the
/// owner may not read is refused even though the service could. Stores go to <see cref="IClientCertificateStore"/>.
/// </summary>
internal sealed class OwnerClientCertificateReader(IOwnerFileSystem files, IClientCertificateStore store) : IClientCertificateReader
{
    /// <summary>Certificate and key files are small; anything larger is not one.</summary>
    private const int MaxFileBytes = 1024 * 1024;

    // Only to re-export into the job's own PKCS#12; the key never reaches a key store.
    private const X509KeyStorageFlags ReadFlags = X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet;

    public async Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Source)
        {
            case ClientCertificateSource.Pkcs12File:
                var pfx = await ReadFileAsync(owner, spec.Path!, "clientCertificate.path", cancellationToken).ConfigureAwait(false);
                return FromPkcs12(pfx, spec);
            case ClientCertificateSource.PemFiles:
                var certificate = await ReadFileAsync(owner, spec.Path!, "clientCertificate.path", cancellationToken).ConfigureAwait(false);
                var key = await ReadFileAsync(owner, spec.KeyPath!, "clientCertificate.keyPath", cancellationToken).ConfigureAwait(false);
                return FromPem(certificate, key, spec);
            case ClientCertificateSource.Store:
                return await store.ReadAsync(owner, spec, cancellationToken).ConfigureAwait(false);
            default:
                throw ClientCertificatePackage.Invalid("clientCertificate.source", "clientCertificate.source must be pkcs12File, pemFiles or store.");
        }
    }

    private async Task<byte[]> ReadFileAsync(string owner, string path, string field, CancellationToken cancellationToken)
    {
        try
        {
            using var file = await files.OpenSourceAsync(owner, path, cancellationToken).ConfigureAwait(false);
            if (file.Size > MaxFileBytes)
            {
                throw ClientCertificatePackage.Invalid(field, $"{path} is {file.Size} bytes, too large for a certificate or key file (at most {MaxFileBytes}).");
            }

            var bytes = new byte[file.Size];
            var read = 0;
            while (read < bytes.Length)
            {
                var count = await RandomAccess.ReadAsync(file.Handle, bytes.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            return bytes[..read];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OwnerFileException)
        {
            throw ClientCertificatePackage.Invalid(field, $"{path} cannot be read with the rights of the job's owner: {ex.Message}");
        }
    }

    private static LoadedClientCertificate FromPkcs12(byte[] pfx, ClientCertificateSpec spec)
    {
        X509Certificate2Collection certificates;
        try
        {
            certificates = X509CertificateLoader.LoadPkcs12Collection(pfx, spec.Password, ReadFlags);
        }
        catch (CryptographicException ex)
        {
            throw ClientCertificatePackage.Invalid(
                "clientCertificate.password", $"{spec.Path} does not open as PKCS#12 with the password given (wrong password, or not a .pfx/.p12 file): {ex.Message}");
        }

        var leaf = certificates.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw ClientCertificatePackage.Invalid("clientCertificate.path", $"{spec.Path} holds no certificate with its private key.");
        return ClientCertificatePackage.Pack(leaf, certificates, ClientCertificateSource.Pkcs12File, spec.Path!, "clientCertificate.path");
    }

    private static LoadedClientCertificate FromPem(byte[] certificateFile, byte[] keyFile, ClientCertificateSpec spec)
    {
        var certificatePem = Encoding.UTF8.GetString(certificateFile);
        var keyPem = Encoding.UTF8.GetString(keyFile);
        X509Certificate2 leaf;
        var chain = new X509Certificate2Collection();
        try
        {
            leaf = spec.Password is null
                ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
                : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, spec.Password);
            chain.ImportFromPem(certificatePem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw ClientCertificatePackage.Invalid(
                "clientCertificate.keyPath",
                $"{spec.Path} and {spec.KeyPath} are not a PEM certificate and its private key{(spec.Password is null ? " (an encrypted key needs its password)" : " with the password given")}: {ex.Message}");
        }

        return ClientCertificatePackage.Pack(leaf, chain, ClientCertificateSource.PemFiles, spec.Path!, "clientCertificate.keyPath");
    }
}
