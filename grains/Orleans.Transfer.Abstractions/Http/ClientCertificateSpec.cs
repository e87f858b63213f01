using System.Text;

namespace Orleans.Transfer.Http;

/// <summary>
/// A client certificate to set on a job. Files are read once, when it is set, with the owner's rights; the certificate
/// and key are then stored encrypted with the job, so a later change to the file does not affect the job.
/// <see cref="ToString"/> leaves the password out.
/// </summary>
/// <param name="Source">Which of the other members apply.</param>
/// <param name="Path">The PKCS#12 file, or the PEM certificate file: absolute.</param>
/// <param name="KeyPath">The PEM private-key file (absolute); for <see cref="ClientCertificateSource.PemFiles"/> only.</param>
/// <param name="Password">The PKCS#12 file's or the encrypted PEM key's password, or null for none.</param>
/// <param name="StoreName">The store (<c>My</c> by default) for <see cref="ClientCertificateSource.Store"/>.</param>
/// <param name="Thumbprint">The certificate's SHA-1 thumbprint in hex, for a store; or give <paramref name="Subject"/>.</param>
/// <param name="Subject">The certificate's subject name, for a store; or give <paramref name="Thumbprint"/>.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.ClientCertificateSpec")]
public sealed record ClientCertificateSpec(
    ClientCertificateSource Source,
    string? Path = null,
    string? KeyPath = null,
    string? Password = null,
    string? StoreName = null,
    string? Thumbprint = null,
    string? Subject = null)
{
    /// <summary>Checks the shape (not the files); throws <see cref="TransferJobException"/> naming the field.</summary>
    public void Validate()
    {
        switch (Source)
        {
            case ClientCertificateSource.Pkcs12File or ClientCertificateSource.PemFiles:
                RequireAbsolute("clientCertificate.path", Path);
                if (Source == ClientCertificateSource.PemFiles)
                {
                    RequireAbsolute("clientCertificate.keyPath", KeyPath);
                }
                else if (KeyPath is not null)
                {
                    throw Invalid("clientCertificate.keyPath", "clientCertificate.keyPath is only for PEM files; a PKCS#12 file holds its key.");
                }

                if (StoreName is not null || Thumbprint is not null || Subject is not null)
                {
                    throw Invalid("clientCertificate.storeName", "store, thumbprint and subject are only for a certificate store, not a file.");
                }

                break;
            case ClientCertificateSource.Store:
                if ((Thumbprint is null) == (Subject is null))
                {
                    throw Invalid("clientCertificate.thumbprint", "give exactly one of clientCertificate.thumbprint and clientCertificate.subject.");
                }

                if (Thumbprint is not null && (Thumbprint.Length != 40 || !Thumbprint.All(char.IsAsciiHexDigit)))
                {
                    throw Invalid("clientCertificate.thumbprint", "clientCertificate.thumbprint must be 40 hex digits (a SHA-1 thumbprint).");
                }

                if (Path is not null || KeyPath is not null || Password is not null)
                {
                    throw Invalid("clientCertificate.path", "path, keyPath and password are only for certificate files, not a store.");
                }

                break;
            default:
                throw Invalid("clientCertificate.source", "clientCertificate.source must be pkcs12File, pemFiles or store.");
        }

        if (Password is { Length: > HttpLimits.MaxPasswordLength })
        {
            throw Invalid("clientCertificate.password", $"clientCertificate.password is longer than {HttpLimits.MaxPasswordLength} characters.");
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Source = {Source}, Path = {Path}, KeyPath = {KeyPath}, Password = {(Password is null ? "null" : "***")}, ");
        builder.Append($"StoreName = {StoreName}, Thumbprint = {Thumbprint}, Subject = {Subject}");
        return true;
    }

    private static void RequireAbsolute(string field, string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal) || !System.IO.Path.IsPathFullyQualified(path))
        {
            throw Invalid(field, $"{field} must be an absolute path to the file.");
        }
    }

    private static TransferJobException Invalid(string field, string message) => new(TransferErrorCode.InvalidArgument, message, field);
}
