namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>One request as a <see cref="ScriptedServer"/> received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The header's value, or null when the request had none.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
