namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>One address of <c>service status --format json</c>.</summary>
internal sealed record ListenerJson(string Name, string Address);
