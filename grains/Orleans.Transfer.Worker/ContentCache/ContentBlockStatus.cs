namespace Orleans.Transfer.Worker;

/// <summary>The state of one block of a cached content.</summary>
public enum ContentBlockStatus
{
    /// <summary>Not recorded yet; the filler is at work.</summary>
    Pending = 0,

    /// <summary>In the store, with its SHA-256.</summary>
    Ready = 1,

    /// <summary>The fill ended without it: fetch from the origin.</summary>
    Failed = 2,
}
