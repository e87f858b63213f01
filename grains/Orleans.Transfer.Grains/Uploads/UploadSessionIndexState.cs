using System.Text.Json.Serialization;

namespace Orleans.Transfer.Grains.Uploads;

/// <summary>
/// The persisted state of the upload server's session index: each session's id and the last activity it reported.
/// Wire names pinned as in <see cref="UploadSessionState"/>.
/// </summary>
public sealed class UploadSessionIndexState
{
    [JsonPropertyName("Sessions")]
    public Dictionary<string, DateTimeOffset> Sessions { get; set; } = new(StringComparer.Ordinal);
}
