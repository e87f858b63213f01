using System.Globalization;

namespace Orleans.Transfer;

/// <summary>The expected digest of a downloaded file's whole content, checked while its bytes stream (docs/integrity.md).</summary>
/// <param name="Algorithm">The hash algorithm.</param>
/// <param name="Hex">The digest in hexadecimal, either case (the service keeps it in lower case).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.ContentDigest")]
public sealed record ContentDigest(DigestAlgorithm Algorithm, string Hex)
{
    /// <summary>The digest's length in bytes for <paramref name="algorithm"/>, or 0 for an unknown algorithm.</summary>
    public static int ByteLength(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => 32,
        DigestAlgorithm.Sha512 => 64,
        _ => 0,
    };

    /// <summary>The algorithm's usual name (<c>SHA-256</c>, <c>SHA-512</c>), for messages.</summary>
    public static string NameOf(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha512 => "SHA-512",
        _ => ((int)algorithm).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Why this digest cannot be used (an unknown algorithm, not hex, a wrong length), or null when it can.</summary>
    public string? Problem()
    {
        var bytes = ByteLength(Algorithm);
        if (bytes == 0)
        {
            return $"{(int)Algorithm} is not a digest algorithm; use Sha256 or Sha512.";
        }

        if (Hex is null || Hex.Length != 2 * bytes || !Hex.All(char.IsAsciiHexDigit))
        {
            var length = Hex?.Length ?? 0;
            return $"a {NameOf(Algorithm)} digest is {2 * bytes} hexadecimal digits; this is {length} characters"
                + (Hex is not null && !Hex.All(char.IsAsciiHexDigit) ? " and not all hexadecimal." : ".");
        }

        return null;
    }

    /// <summary>The same digest with its hex in lower case.</summary>
    public ContentDigest Normalized() => this with { Hex = Hex.ToLowerInvariant() };
}
