namespace Orleans.Transfer.Worker;

/// <summary>A digest a downloaded file must match, and where it came from, for messages.</summary>
/// <param name="Algorithm">The hash algorithm.</param>
/// <param name="Value">The digest's bytes.</param>
/// <param name="Source">Where it came from: the caller, or the server's header by name.</param>
internal sealed record ExpectedDigest(DigestAlgorithm Algorithm, byte[] Value, string Source)
{
    /// <summary>Where a caller's digest comes from, in messages.</summary>
    public const string CallerSource = "the caller";
}
