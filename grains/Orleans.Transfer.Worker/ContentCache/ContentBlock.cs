namespace Orleans.Transfer.Worker;

/// <summary>What a copier learns of one block: its SHA-256 once filled, or that it must go to the origin.</summary>
/// <param name="Status">Ready, pending, or failed (no filler will record it: fetch from the origin).</param>
/// <param name="Sha256">The block's SHA-256 as the filler recorded it, when <paramref name="Status"/> is Ready.</param>
public sealed record ContentBlock(ContentBlockStatus Status, byte[]? Sha256)
{
    /// <summary>Not recorded yet.</summary>
    public static ContentBlock Pending { get; } = new(ContentBlockStatus.Pending, null);

    /// <summary>The fill ended without this block.</summary>
    public static ContentBlock Failed { get; } = new(ContentBlockStatus.Failed, null);
}
