namespace Orleans.Transfer.Storage.Tests;

[Alias("Orleans.Transfer.Storage.Tests.IStateProbeGrain")]
public interface IStateProbeGrain : IGrainWithGuidKey
{
    [Alias("Set")]
    Task SetAsync(string value);

    [Alias("Get")]
    Task<string?> GetAsync();

    [Alias("Clear")]
    Task ClearAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
