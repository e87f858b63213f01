namespace Orleans.Transfer.Chaos;

/// <summary>A finished run: its figures, and every broken promise found (empty when the run passed).</summary>
public sealed record ChaosResult(ChaosSummary Summary, IReadOnlyList<string> Problems);
