namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>One state's job count in <c>service status --format json</c>.</summary>
internal sealed record StateCountJson(JobState State, long Count);
