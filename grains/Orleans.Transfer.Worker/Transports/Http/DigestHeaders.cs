namespace Orleans.Transfer.Worker;

/// <summary>
/// The digests an HTTP response states for the file: <c>Repr-Digest</c> (RFC 9530, of the whole representation, so
/// also on 206), and on a 200 with the whole file <c>Content-Digest</c> (RFC 9530, of this response's body; on a 206
/// it covers the part only) and the legacy <c>Digest</c> (RFC 3230). SHA-256 and SHA-512 are checked; other
/// algorithms are skipped; a value that cannot be a digest is ignored with a warning.
/// </summary>
internal static class DigestHeaders
{
    private const string ReprDigest = "Repr-Digest";
    private const string ContentDigestHeader = "Content-Digest";
    private const string LegacyDigest = "Digest";

    /// <summary>The usable digests of <paramref name="response"/>; each unusable one is passed to <paramref name="ignore"/> with why.</summary>
    public static List<ExpectedDigest> Read(HttpResponseMessage response, bool wholeFile, Action<string, string> ignore)
    {
        var digests = new List<ExpectedDigest>();
        ReadField(response, ReprDigest, structured: true, digests, ignore);
        if (wholeFile)
        {
            ReadField(response, ContentDigestHeader, structured: true, digests, ignore);
            ReadField(response, LegacyDigest, structured: false, digests, ignore);
        }

        return digests;
    }

    private static void ReadField(HttpResponseMessage response, string header, bool structured, List<ExpectedDigest> digests, Action<string, string> ignore)
    {
        var lines = new List<string>();
        if (response.Headers.NonValidated.TryGetValues(header, out var values))
        {
            lines.AddRange(values);
        }

        if (response.Content.Headers.NonValidated.TryGetValues(header, out var contentValues))
        {
            lines.AddRange(contentValues);
        }

        foreach (var member in lines.SelectMany(line => line.Split(',')).Select(m => m.Trim()).Where(m => m.Length > 0))
        {
            var equals = member.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                ignore(header, $"'{Shorten(member)}' is not an algorithm=value pair.");
                continue;
            }

            var name = member[..equals].Trim().ToLowerInvariant();
            if (AlgorithmOf(name) is not { } algorithm)
            {
                // Algorithms we do not check (md5, crc32c, ...) are neither trusted nor a fault of the server.
                continue;
            }

            var value = member[(equals + 1)..].Trim();
            if (structured)
            {
                if (EncodedBytes(value) is not { } encoded)
                {
                    ignore(header, $"the {name} value is not a byte sequence (:base64:).");
                    continue;
                }

                value = encoded;
            }

            var bytes = new byte[ContentDigest.ByteLength(algorithm)];
            if (!Convert.TryFromBase64String(value, bytes, out var written) || written != bytes.Length)
            {
                ignore(header, $"the {name} value is not {bytes.Length} bytes of base64.");
                continue;
            }

            digests.Add(new ExpectedDigest(algorithm, bytes, $"the server's {header} header"));
        }
    }

    private static DigestAlgorithm? AlgorithmOf(string name) => name switch
    {
        "sha-256" => DigestAlgorithm.Sha256,
        "sha-512" => DigestAlgorithm.Sha512,
        _ => null,
    };

    /// <summary>The base64 inside a structured field's byte sequence <c>:...:</c>, parameters after it dropped; null when it is none.</summary>
    private static string? EncodedBytes(string value)
    {
        if (value.Length < 2 || value[0] != ':')
        {
            return null;
        }

        var close = value.IndexOf(':', 1);
        if (close < 0 || (close + 1 < value.Length && value[close + 1] != ';'))
        {
            return null;
        }

        return value[1..close];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
