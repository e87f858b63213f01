using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Silo.Security;

public sealed class OrleansTlsOptionsValidator : IValidateOptions<OrleansTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansTlsOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.OrleansTls))
        {
            failures.Add($"{OrleansTlsOptions.SectionName}:OrleansTls must be Auto, On or Off.");
        }

        if (options.CertificatePath is { } path && (path.Length == 0 || !Path.IsPathFullyQualified(path)))
        {
            failures.Add(
                $"{OrleansTlsOptions.SectionName}:CertificatePath must be an absolute path to a .pfx file ('{path}' is not); "
                + "leave it unset to use the certificate the silo creates in its data directory.");
        }

        for (var i = 0; i < options.TrustedClientCertificates.Count; i++)
        {
            if (!CertificateThumbprint.TryNormalize(options.TrustedClientCertificates[i], out _))
            {
                failures.Add(
                    $"{OrleansTlsOptions.SectionName}:TrustedClientCertificates:{i} ('{options.TrustedClientCertificates[i]}') is not a "
                    + "SHA-256 thumbprint: give 64 hex digits, e.g. from 'openssl x509 -in client.crt -noout -fingerprint -sha256'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
