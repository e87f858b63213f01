using System.Text.Json.Serialization;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>Source-generated serialization: camelCase names, enums by name, nulls written out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(JobJson))]
[JsonSerializable(typeof(IReadOnlyList<SummaryJson>))]
[JsonSerializable(typeof(PolicyJson))]
[JsonSerializable(typeof(ProgressEventJson))]
[JsonSerializable(typeof(CallerJson))]
[JsonSerializable(typeof(ServiceStatusJson))]
[JsonSerializable(typeof(JobReplyJson))]
[JsonSerializable(typeof(HistoryJson))]
internal sealed partial class XferJsonContext : JsonSerializerContext;
