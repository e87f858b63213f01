namespace Orleans.Transfer.Grains.Validation;

/// <summary>A file's expected content digest (docs/integrity.md): a known algorithm, hex of its length, a whole file.</summary>
internal static class DigestValidator
{
    /// <summary>The digest to keep (hex in lower case), or null when the file has none; throws naming <paramref name="field"/>.</summary>
    public static ContentDigest? Validate(FileSpec file, string field)
    {
        if (file.Digest is not { } digest)
        {
            return null;
        }

        if (digest.Problem() is { } problem)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field}: {problem}", field);
        }

        if (file.Ranges is { Count: > 0 })
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field}: a digest is of the whole file, and a file with byte ranges stores only parts of it, so it cannot be "
                    + "checked. Leave out the digest or the ranges.",
                field);
        }

        return digest.Normalized();
    }
}
