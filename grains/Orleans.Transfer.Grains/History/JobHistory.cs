using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.History;

namespace Orleans.Transfer.Grains.History;

/// <summary>
/// One job's history as the job records it: an entry per state change, error, retry, notification outcome, change of
/// files, properties or owner, stamped with the job's state after it. Per-file progress is not recorded (a job of
/// 100,000 small files would write 100,000 rows): the Transferred state change says how many files there were.
/// </summary>
internal sealed class JobHistory(Guid jobId, Func<TransferJobState> job, JobHistoryWriter writer, TimeProvider timeProvider)
{
    /// <param name="kind">What happened.</param>
    /// <param name="message">What happened, in words.</param>
    /// <param name="code">The error code of an error or retry.</param>
    /// <param name="state">The state the job is moving to, when recorded before the move (errors, retries); else its state now.</param>
    public void Record(JobHistoryKind kind, string message, TransferErrorCode? code = null, JobState? state = null) =>
        writer.Append(new JobHistoryRecord(jobId, timeProvider.GetUtcNow(), kind, state ?? job().State, code?.ToString(), message));
}
