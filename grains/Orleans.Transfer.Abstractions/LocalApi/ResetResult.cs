namespace Orleans.Transfer.LocalApi;

/// <summary>What a reset did.</summary>
/// <param name="Cancelled">Jobs cancelled.</param>
/// <param name="Failed">Jobs that could not be cancelled (already final, or failed to answer).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.LocalApi.ResetResult")]
public sealed record ResetResult(int Cancelled, int Failed);
