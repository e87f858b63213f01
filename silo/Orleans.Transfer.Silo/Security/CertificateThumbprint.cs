using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Silo.Security;

/// <summary>SHA-256 certificate thumbprints as 64 upper-case hex digits.</summary>
public static class CertificateThumbprint
{
    /// <summary>The SHA-256 hash of the whole certificate (its DER encoding).</summary>
    public static string Of(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Accepts hex with any case, colons or whitespace between digits; false unless exactly 64 hex digits remain.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? thumbprint)
    {
        thumbprint = null;
        if (text is null)
        {
            return false;
        }

        var digits = new string([.. text.Where(c => c != ':' && !char.IsWhiteSpace(c))]).ToUpperInvariant();
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        thumbprint = digits;
        return true;
    }
}
