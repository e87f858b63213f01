namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The network cost in <c>policy show --format json</c>: the BITS cost state by name, its source and what it said.</summary>
internal sealed record NetworkCostJson(string State, string Source, string Detail);
