using Microsoft.Extensions.Logging;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Grains.Uploads;

/// <summary>
/// One upload session, keyed by its BITS-Session-Id (<see cref="UploadSessionGrainKey"/>). Its state is the whole session, so any silo serves any packet
/// through it; the index grain counts sessions and lists idle ones. The index may lag (a report every minute at
/// most) or hold an id whose session is gone, never the reverse: the store checks candidates against this grain.
/// </summary>
internal sealed partial class UploadSessionGrain(
    [PersistentState(StorageNames.UploadSession, StorageNames.Transfer)] IPersistentState<UploadSessionState> state,
    ILogger<UploadSessionGrain> logger)
    : Grain, IUploadSessionGrain
{
    private static readonly TimeSpan s_activityGranularity = TimeSpan.FromMinutes(1);

    private IUploadSessionIndexGrain Index => GrainFactory.GetGrain<IUploadSessionIndexGrain>(0);

    public async Task<bool> CreateAsync(UploadSessionRecord session, int maxSessions)
    {
        CheckKey(session);
        if (state.State.Exists || !await Index.TryAddAsync(session.Id, session.LastActivity, maxSessions))
        {
            return false;
        }

        state.State = UploadSessionState.From(session, indexedActivity: session.LastActivity);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            await ForgetInIndexAsync(session.Id);
            throw;
        }

        return true;
    }

    public Task<UploadSessionRecord?> GetAsync() => Task.FromResult(state.State.Exists ? state.State.ToRecord() : null);

    public async Task<bool> TryUpdateAsync(UploadSessionRecord updated)
    {
        CheckKey(updated);
        if (!state.State.Exists || state.State.Version != updated.Version - 1)
        {
            return false;
        }

        var indexed = state.State.IndexedActivity;
        var report = updated.LastActivity - indexed >= s_activityGranularity;
        state.State = UploadSessionState.From(updated, report ? updated.LastActivity : indexed);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }

        if (report)
        {
            // The update is stored and must be acknowledged as such; an index that stays behind is only a later sweep.
            try
            {
                await Index.TouchAsync(updated.Id, updated.LastActivity);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogIndexNotUpdated(logger, e, updated.Id);
            }
        }

        return true;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!state.State.Exists)
        {
            return false;
        }

        var id = state.State.Id;
        await state.ClearStateAsync();
        state.State = new UploadSessionState();
        await ForgetInIndexAsync(id);
        DeactivateOnIdle();
        return true;
    }

    // An id left in the index is harmless: the sweep finds no session behind it and removes it.
    private async Task ForgetInIndexAsync(string id)
    {
        try
        {
            await Index.RemoveAsync(id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogIndexNotUpdated(logger, e, id);
        }
    }

    private void CheckKey(UploadSessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!string.Equals(UploadSessionGrainKey.Of(session.Id), this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The session '{session.Id}' does not belong to this grain, whose key is '{this.GetPrimaryKeyString()}'.", nameof(session));
        }
    }
}
