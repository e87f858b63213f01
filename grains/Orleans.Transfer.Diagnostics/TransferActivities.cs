using System.Diagnostics;

namespace Orleans.Transfer.Diagnostics;

/// <summary>
/// The service's one <see cref="ActivitySource"/>, <c>Orleans.Transfer</c>: one activity per transfer attempt, so a
/// trace shows each try of each file. Job id and file index are activity tags (one trace, not a metric dimension).
/// </summary>
public static class TransferActivities
{
    public const string SourceName = "Orleans.Transfer";

    public const string TransferAttempt = "transfer-attempt";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts an attempt's activity, or returns null when nobody listens.</summary>
    public static Activity? StartAttempt(Guid jobId, int fileIndex, string transport, TransferDirection direction)
    {
        var activity = Source.StartActivity(TransferAttempt, ActivityKind.Client);
        activity?.SetTag(TagNames.JobId, jobId.ToString());
        activity?.SetTag(TagNames.FileIndex, fileIndex);
        activity?.SetTag(TagNames.Transport, transport);
        activity?.SetTag(TagNames.Direction, direction == TransferDirection.Upload ? "upload" : "download");
        return activity;
    }
}
