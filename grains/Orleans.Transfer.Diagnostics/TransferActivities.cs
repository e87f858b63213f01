using System.Diagnostics;

namespace Orleans.Transfer.Diagnostics;

/// <summary>
/// The service's one <see cref="ActivitySource"/>, <c>Orleans.Transfer</c>: one activity per transfer attempt (one
/// run of one file, its quick retries included), each the root of its own trace, so a trace shows one try of one file
/// and never grows with a job that lives for days. Job id and file index are activity tags (one trace, not a metric
/// dimension).
/// </summary>
public static class TransferActivities
{
    public const string SourceName = "Orleans.Transfer";

    public const string TransferAttempt = "transfer-attempt";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts an attempt's activity as a new trace, or returns null when nobody listens. Whatever activity was current
    /// (a grain call that resumed the job, a reminder tick) is linked, not made the parent, and stops being current
    /// for the rest of the calling flow: otherwise every attempt a job's run loop starts would join that one trace.
    /// Call it on the attempt's own flow (the worker's task), never on a grain's.
    /// </summary>
    public static Activity? StartAttempt(Guid jobId, int fileIndex, string transport, TransferDirection direction)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        ActivityLink[]? links = caller is null ? null : [new ActivityLink(caller.Context)];
        var activity = Source.StartActivity(TransferAttempt, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(TagNames.JobId, jobId.ToString());
        activity?.SetTag(TagNames.FileIndex, fileIndex);
        activity?.SetTag(TagNames.Transport, transport);
        activity?.SetTag(TagNames.Direction, direction == TransferDirection.Upload ? "upload" : "download");
        return activity;
    }
}
