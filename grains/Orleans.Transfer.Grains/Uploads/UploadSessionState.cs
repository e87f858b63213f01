using System.Text.Json.Serialization;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Grains.Uploads;

/// <summary>
/// The persisted state of one upload session grain. Stored as System.Text.Json by the AdoNet provider, as
/// TransferJobState is: every wire name is pinned with [JsonPropertyName] and listed in
/// tests/Orleans.Transfer.Tests/State/persisted-names.txt; never change a wire name.
/// </summary>
public sealed class UploadSessionState
{
    [JsonPropertyName("Exists")]
    public bool Exists { get; set; }

    [JsonPropertyName("Id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("Directory")]
    public string Directory { get; set; } = "";

    [JsonPropertyName("RelativePath")]
    public string RelativePath { get; set; } = "";

    [JsonPropertyName("User")]
    public string? User { get; set; }

    [JsonPropertyName("TotalBytes")]
    public long? TotalBytes { get; set; }

    [JsonPropertyName("ReceivedBytes")]
    public long ReceivedBytes { get; set; }

    [JsonPropertyName("Phase")]
    public int Phase { get; set; }

    [JsonPropertyName("Created")]
    public DateTimeOffset Created { get; set; }

    [JsonPropertyName("LastActivity")]
    public DateTimeOffset LastActivity { get; set; }

    [JsonPropertyName("ReplyToken")]
    public string? ReplyToken { get; set; }

    [JsonPropertyName("ReplyStaticUrl")]
    public string? ReplyStaticUrl { get; set; }

    [JsonPropertyName("Version")]
    public long Version { get; set; }

    /// <summary>The last activity the index grain was told of; it is told again once a minute has passed since.</summary>
    [JsonPropertyName("IndexedActivity")]
    public DateTimeOffset IndexedActivity { get; set; }

    /// <summary>The request holding the session's write lease, or null (appended; absent in older states: none).</summary>
    [JsonPropertyName("LeaseHolder")]
    public string? LeaseHolder { get; set; }

    [JsonPropertyName("LeaseExpires")]
    public DateTimeOffset? LeaseExpires { get; set; }

    public static UploadSessionState From(UploadSessionRecord session, DateTimeOffset indexedActivity) => new()
    {
        Exists = true,
        Id = session.Id,
        Directory = session.Directory,
        RelativePath = session.RelativePath,
        User = session.User,
        TotalBytes = session.TotalBytes,
        ReceivedBytes = session.ReceivedBytes,
        Phase = session.Phase,
        Created = session.Created,
        LastActivity = session.LastActivity,
        ReplyToken = session.ReplyToken,
        ReplyStaticUrl = session.ReplyStaticUrl,
        Version = session.Version,
        IndexedActivity = indexedActivity,
        LeaseHolder = session.LeaseHolder,
        LeaseExpires = session.LeaseExpires,
    };

    public UploadSessionRecord ToRecord() => new(
        Id, Directory, RelativePath, User, TotalBytes, ReceivedBytes, Phase, Created, LastActivity, ReplyToken, ReplyStaticUrl, Version, LeaseHolder, LeaseExpires);
}
