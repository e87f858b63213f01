namespace Orleans.Transfer.Worker;

/// <summary>What a finished file's digests say: it matched (both null), it starts again, or it fails.</summary>
/// <param name="RestartReason">Why the file downloads again from zero (its first mismatch in the run), or null.</param>
/// <param name="Failure">The ContentDigestMismatch failure after a second mismatch, or null.</param>
internal sealed record DigestVerdict(string? RestartReason, TransferFailure? Failure)
{
    /// <summary>The file matched every digest it has (or has none).</summary>
    public static DigestVerdict Matched { get; } = new(null, null);
}
