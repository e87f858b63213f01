using System.Text.Json.Serialization;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// One segment of a file fetched over several connections, as its last checkpoint recorded it. Property names are a
/// storage contract (see <see cref="TransferJobState"/>).
/// </summary>
public sealed class JobSegmentState
{
    /// <summary>Where the segment starts in the file.</summary>
    [JsonPropertyName("Offset")]
    public long Offset { get; set; }

    /// <summary>The segment's bytes.</summary>
    [JsonPropertyName("Length")]
    public long Length { get; set; }

    /// <summary>The bytes from <see cref="Offset"/> on durably in the temp file.</summary>
    [JsonPropertyName("Done")]
    public long Done { get; set; }
}
