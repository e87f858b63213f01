namespace Orleans.Transfer.Worker;

/// <summary>A digest the downloaded bytes do not match, with the digest they have.</summary>
/// <param name="Expected">The digest they should have, and where it came from.</param>
/// <param name="Actual">The digest of the bytes, with the same algorithm.</param>
internal sealed record DigestMismatch(ExpectedDigest Expected, byte[] Actual)
{
    /// <summary>The mismatch in words: algorithm, source, expected and actual digests in lower-case hex.</summary>
    public string Describe() =>
        $"its {ContentDigest.NameOf(Expected.Algorithm)} digest is {Convert.ToHexStringLower(Actual)}, but {Expected.Source} "
            + $"expects {Convert.ToHexStringLower(Expected.Value)}";
}
