namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A persisted state type that survives a row it cannot read: instead of failing the grain's activation (and every
/// call to it), the storage gives it a fresh instance marked with the problem, and the grain decides what to show.
/// The type needs a public parameterless constructor.
/// </summary>
public interface IRecoverableState
{
    /// <summary>What is wrong with a state that was read without error (a value no member of its enum, say), or null.</summary>
    string? FindProblem();

    /// <summary>Called on a fresh instance when the stored row could not be used.</summary>
    /// <param name="problem">Why, for people; never holds the row's content.</param>
    /// <param name="payload">The stored bytes, to salvage what can be read (the owner, say).</param>
    void MarkUnreadable(string problem, ReadOnlyMemory<byte> payload);
}
