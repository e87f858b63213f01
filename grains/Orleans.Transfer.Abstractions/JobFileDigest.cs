namespace Orleans.Transfer;

/// <summary>A file's expected content digest as the caller gave it, and whether the downloaded bytes matched it.</summary>
/// <param name="Algorithm">The hash algorithm.</param>
/// <param name="Expected">The expected digest, lower-case hex.</param>
/// <param name="Verified">True once the file's downloaded bytes matched it (the file then completed).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobFileDigest")]
public sealed record JobFileDigest(DigestAlgorithm Algorithm, string Expected, bool Verified);
