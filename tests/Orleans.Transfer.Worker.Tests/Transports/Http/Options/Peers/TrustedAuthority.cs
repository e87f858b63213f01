using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// A test CA trusted for the test's duration through this user's CurrentUser\Root store, which .NET on Linux trusts
/// in addition to the system's; only certificates it issued become trusted, and it is removed at the end.
/// </summary>
internal sealed class TrustedAuthority : IDisposable
{
    private TrustedAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static TrustedAuthority Create(string name)
    {
        var authority = TestCertificates.CreateAuthority(name);
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        using var publicOnly = X509CertificateLoader.LoadCertificate(authority.RawData);
        store.Add(publicOnly);
        return new TrustedAuthority(authority);
    }

    public void Dispose()
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        store.Remove(publicOnly);
        Certificate.Dispose();
    }
}
