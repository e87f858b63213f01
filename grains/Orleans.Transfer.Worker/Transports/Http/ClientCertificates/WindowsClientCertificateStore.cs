using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Security.Principal;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The owner's CurrentUser store on Windows, failing closed (unverified: no Windows machine runs these tests). As in
/// <see cref="OwnerFiles.WindowsOwnerFileSystem"/>, acting as another account is not implemented: a privileged service
/// (SYSTEM, an elevated Administrator) reads a store only for jobs whose owner is its own account, since its
/// CurrentUser store is its own; an unprivileged service serves only its own user. The key must be exportable, as the
/// job keeps its own encrypted copy.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsClientCertificateStore : IClientCertificateStore
{
    private readonly string? _serviceSid;
    private readonly bool _privileged;

    public WindowsClientCertificateStore()
    {
        using var identity = WindowsIdentity.GetCurrent();
        _serviceSid = identity.User?.Value;
        _privileged = identity.IsSystem || new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator);
    }

    public Task<LoadedClientCertificate> ReadAsync(string owner, ClientCertificateSpec spec, CancellationToken cancellationToken)
    {
        if (_privileged && !string.Equals(owner, _serviceSid, StringComparison.OrdinalIgnoreCase))
        {
            throw ClientCertificatePackage.Invalid(
                "clientCertificate.source",
                $"the service runs privileged, and reading another account's ({owner}) certificate store is not implemented; give a PKCS#12 or PEM file instead.");
        }

        return Task.Run(() => Read(spec), cancellationToken);
    }

    private static LoadedClientCertificate Read(ClientCertificateSpec spec)
    {
        var storeName = spec.StoreName ?? "My";
        using var store = new X509Store(storeName, StoreLocation.CurrentUser);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw ClientCertificatePackage.Invalid("clientCertificate.storeName", $"the store {storeName} cannot be opened: {ex.Message}");
        }

        var found = spec.Thumbprint is { } thumbprint
            ? store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false)
            : store.Certificates.Find(X509FindType.FindBySubjectDistinguishedName, spec.Subject!, validOnly: false) is { Count: > 0 } exact
                ? exact
                : store.Certificates.Find(X509FindType.FindBySubjectName, spec.Subject!, validOnly: false);
        var field = spec.Thumbprint is null ? "clientCertificate.subject" : "clientCertificate.thumbprint";
        var withKey = found.Where(c => c.HasPrivateKey).ToList();
        return withKey.Count switch
        {
            0 => throw ClientCertificatePackage.Invalid(field, $"no certificate with a private key matches in the store {storeName}."),
            > 1 => throw ClientCertificatePackage.Invalid(field, $"{withKey.Count} certificates match in the store {storeName}; give the thumbprint."),
            _ => ClientCertificatePackage.Pack(withKey[0], [], ClientCertificateSource.Store, storeName, field),
        };
    }
}
