namespace Orleans.Transfer.Testing;

/// <summary>One request as the webhook receiver saw it.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
