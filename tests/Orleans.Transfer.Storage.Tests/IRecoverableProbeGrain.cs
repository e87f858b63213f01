namespace Orleans.Transfer.Storage.Tests;

[Alias("Orleans.Transfer.Storage.Tests.IRecoverableProbeGrain")]
public interface IRecoverableProbeGrain : IGrainWithGuidKey
{
    [Alias("Set")]
    Task SetAsync(string value);

    /// <summary>The value and, when the stored row could not be read, why.</summary>
    [Alias("Get")]
    Task<(string? Value, string? Problem)> GetAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
