namespace Orleans.Transfer.Diagnostics;

/// <summary>Tag names shared by the meter and the activities.</summary>
public static class TagNames
{
    public const string Direction = "orleans.transfer.direction";
    public const string Transport = "orleans.transfer.transport";
    public const string Priority = "orleans.transfer.priority";
    public const string State = "orleans.transfer.state";
    public const string Outcome = "orleans.transfer.outcome";
    public const string ErrorCode = "orleans.transfer.error_code";
    public const string Scope = "orleans.transfer.scope";
    public const string JobId = "orleans.transfer.job_id";
    public const string FileIndex = "orleans.transfer.file_index";
    public const string Interface = "orleans.transfer.interface";
}
