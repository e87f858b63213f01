namespace Orleans.Transfer.Uploads;

/// <summary>
/// The key of an upload session's <see cref="IUploadSessionGrain"/>: its BITS-Session-Id with '%', '{' and '}'
/// percent-encoded. The AdoNet grain storage formats string keys with <c>string.Format</c> (AdoGrainKey.ToString in
/// Orleans 10.4), so a key holding a brace, as every braced GUID does, fails every write.
/// </summary>
public static class UploadSessionGrainKey
{
    /// <summary>The grain key of the session <paramref name="sessionId"/>.</summary>
    public static string Of(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return sessionId.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("{", "%7B", StringComparison.Ordinal)
            .Replace("}", "%7D", StringComparison.Ordinal);
    }
}
