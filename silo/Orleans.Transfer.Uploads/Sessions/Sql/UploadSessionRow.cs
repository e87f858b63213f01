namespace Orleans.Transfer.Uploads.Sessions.Sql;

/// <summary>One row of the session table as Dapper reads it; times stay in the provider's own form until converted.</summary>
internal sealed class UploadSessionRow
{
    public string Id { get; set; } = "";

    public string Directory { get; set; } = "";

    public string RelativePath { get; set; } = "";

    public string? UserName { get; set; }

    public long? TotalBytes { get; set; }

    public long ReceivedBytes { get; set; }

    public int Phase { get; set; }

    public object Created { get; set; } = "";

    public object LastActivity { get; set; } = "";

    public string? ReplyToken { get; set; }

    public string? ReplyStaticUrl { get; set; }

    public long Version { get; set; }

    public string? LeaseHolder { get; set; }

    public object? LeaseExpires { get; set; }
}
