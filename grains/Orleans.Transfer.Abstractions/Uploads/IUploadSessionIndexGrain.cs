namespace Orleans.Transfer.Uploads;

/// <summary>
/// The silo upload server's list of its sessions (one grain, key 0), in grain storage: it counts them so a new one can
/// be refused past the limit, and lists those idle long enough to be swept. The activity times it keeps may lag the
/// sessions' own by about a minute (sessions report activity no more often), never lead them: a listed session is a candidate, checked
/// against its own grain.
/// </summary>
[Alias("Orleans.Transfer.Uploads.IUploadSessionIndexGrain")]
public interface IUploadSessionIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds <paramref name="id"/> unless <paramref name="maxSessions"/> sessions are listed; true when it is listed afterwards.</summary>
    [Alias("TryAdd")]
    Task<bool> TryAddAsync(string id, DateTimeOffset lastActivity, int maxSessions);

    /// <summary>
    /// Records that <paramref name="id"/> was active at <paramref name="lastActivity"/> (an older time is ignored); lists
    /// it when it is not, whatever the limit, since the session exists.
    /// </summary>
    [Alias("Touch")]
    Task TouchAsync(string id, DateTimeOffset lastActivity);

    /// <summary>Removes <paramref name="id"/>; nothing happens when it is not listed.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string id);

    /// <summary>At most <paramref name="max"/> ids whose recorded activity is before <paramref name="before"/>, oldest first.</summary>
    [Alias("ListIdle")]
    Task<IReadOnlyList<string>> ListIdleAsync(DateTimeOffset before, int max);

    /// <summary>How many sessions are listed.</summary>
    [Alias("Count")]
    Task<int> CountAsync();
}
