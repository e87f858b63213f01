using Orleans.Transfer.Storage;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Grains.Uploads;

/// <summary>
/// The count and idle listing of the upload server's sessions. One activation in the cluster, so "count, then add" is
/// one step; every change is written before it is acknowledged.
/// </summary>
internal sealed class UploadSessionIndexGrain(
    [PersistentState(StorageNames.UploadSessionIndex, StorageNames.Transfer)] IPersistentState<UploadSessionIndexState> state)
    : Grain, IUploadSessionIndexGrain
{
    public async Task<bool> TryAddAsync(string id, DateTimeOffset lastActivity, int maxSessions)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var sessions = state.State.Sessions;
        if (sessions.ContainsKey(id))
        {
            return true;
        }

        if (sessions.Count >= maxSessions)
        {
            return false;
        }

        sessions[id] = lastActivity;
        await WriteAsync();
        return true;
    }

    public async Task TouchAsync(string id, DateTimeOffset lastActivity)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (state.State.Sessions.TryGetValue(id, out var known) && known >= lastActivity)
        {
            return;
        }

        state.State.Sessions[id] = lastActivity;
        await WriteAsync();
    }

    public async Task RemoveAsync(string id)
    {
        if (state.State.Sessions.Remove(id))
        {
            await WriteAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListIdleAsync(DateTimeOffset before, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        IReadOnlyList<string> idle = [.. state.State.Sessions
            .Where(s => s.Value < before)
            .OrderBy(s => s.Value)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(s => s.Key)];
        return Task.FromResult(idle);
    }

    public Task<int> CountAsync() => Task.FromResult(state.State.Sessions.Count);

    // A failed write leaves memory ahead of storage: read storage back so the next call starts from what is stored.
    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
