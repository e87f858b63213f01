namespace Orleans.Transfer.Worker;

/// <summary>
/// Who fills a content and which of its blocks are ready, for every silo of the cluster: the silo registers one
/// (a grain per content key). A participant is one run of one file. Thread-safe.
/// </summary>
public interface IContentCacheCoordinator
{
    /// <summary>
    /// Joins the content <paramref name="key"/> of <paramref name="blocks"/> blocks: true when
    /// <paramref name="participant"/> is to fill it (nobody is, or the filler failed or stalled), false to copy it.
    /// </summary>
    Task<bool> JoinAsync(string key, int blocks, Guid participant);

    /// <summary>The filler recorded block <paramref name="index"/> in the store with its SHA-256.</summary>
    Task BlockFilledAsync(string key, Guid participant, int index, byte[] sha256);

    /// <summary>The filler stopped: every block is in the store (<paramref name="complete"/>), or it gave up.</summary>
    Task FillEndedAsync(string key, Guid participant, bool complete);

    /// <summary>
    /// The SHA-256 of block <paramref name="index"/> once the filler recorded it, waiting up to
    /// <paramref name="wait"/>; <see cref="ContentBlock.Pending"/> when it did not come in time.
    /// </summary>
    Task<ContentBlock> WaitForBlockAsync(string key, int index, TimeSpan wait);

    /// <summary>
    /// A copier found block <paramref name="index"/> bad in the store: the content is filled again by the next run.
    /// </summary>
    Task BlockBadAsync(string key, int index);

    /// <summary>The participant is done with the content (copied, fell back, or cancelled).</summary>
    Task LeaveAsync(string key, Guid participant);

    /// <summary>
    /// Forgets the content if no participant uses it, so its files may be deleted; false when it is in use.
    /// </summary>
    Task<bool> TryEvictAsync(string key);
}
