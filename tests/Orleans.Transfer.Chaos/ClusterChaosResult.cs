namespace Orleans.Transfer.Chaos;

/// <summary>A finished cluster run: its figures, and every broken promise found (empty when the run passed).</summary>
public sealed record ClusterChaosResult(ClusterChaosSummary Summary, IReadOnlyList<string> Problems);
