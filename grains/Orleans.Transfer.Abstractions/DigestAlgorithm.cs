namespace Orleans.Transfer;

/// <summary>A hash algorithm for a file's content digest (docs/integrity.md).</summary>
public enum DigestAlgorithm
{
    /// <summary>SHA-256: 32 bytes, 64 hex digits.</summary>
    Sha256 = 1,

    /// <summary>SHA-512: 64 bytes, 128 hex digits.</summary>
    Sha512 = 2,
}
