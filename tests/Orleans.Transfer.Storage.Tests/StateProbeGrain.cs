namespace Orleans.Transfer.Storage.Tests;

internal sealed class StateProbeGrain(
    [PersistentState("probe", StorageNames.Transfer)] IPersistentState<ProbeState> state) : Grain, IStateProbeGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
