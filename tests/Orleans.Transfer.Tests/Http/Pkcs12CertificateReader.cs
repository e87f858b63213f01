using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Http;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Http;

/// <summary>
/// Reads a PKCS#12 file as the HTTP transport's reader does, for the grain's side of client certificates while that
/// reader is built elsewhere (issue 11): the file is real, and so is the key.
/// </summary>
internal sealed class Pkcs12CertificateReader : IClientCertificateReader
{
    // Off the grain scheduler, as the real reader, which reads on an owner thread.
    public Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var certificate = X509CertificateLoader.LoadPkcs12FromFile(spec.Path!, spec.Password, X509KeyStorageFlags.Exportable);
                var info = new ClientCertificateInfo(spec.Source, spec.Path!, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
                return new LoadedClientCertificate(certificate.Export(X509ContentType.Pkcs12), info);
            },
            cancellationToken);
}
