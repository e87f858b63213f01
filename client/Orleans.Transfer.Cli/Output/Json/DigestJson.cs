namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>A file's expected digest in JSON: its algorithm, the digest in lower-case hex, and whether the file matched it.</summary>
internal sealed record DigestJson(DigestAlgorithm Algorithm, string Expected, bool Verified)
{
    public static DigestJson? From(JobFileDigest? digest) =>
        digest is null ? null : new(digest.Algorithm, digest.Expected, digest.Verified);
}
