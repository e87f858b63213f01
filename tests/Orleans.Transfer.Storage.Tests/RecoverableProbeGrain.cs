namespace Orleans.Transfer.Storage.Tests;

internal sealed class RecoverableProbeGrain(
    [PersistentState("recoverable", StorageNames.Transfer)] IPersistentState<RecoverableProbeState> state) : Grain, IRecoverableProbeGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<(string? Value, string? Problem)> GetAsync() => Task.FromResult((state.State.Value, state.State.Problem));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
