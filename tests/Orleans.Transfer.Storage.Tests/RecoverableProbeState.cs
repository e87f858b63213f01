using System.Text.Json.Serialization;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>A state that, like a job's, survives an unreadable row; it was renamed once (Name became Value).</summary>
public sealed class RecoverableProbeState : IRecoverableState
{
    [JsonPropertyName("Value")]
    [PersistedAlias("Name")]
    public string? Value { get; set; }

    [JsonPropertyName("Count")]
    public int Count { get; set; }

    [JsonIgnore]
    public string? Problem { get; private set; }

    public string? FindProblem() => Count < 0 ? "member 'Count' is negative" : null;

    public void MarkUnreadable(string problem, ReadOnlyMemory<byte> payload) => Problem = problem;
}
