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
    public void Record(JobHistoryKind kind, string message, TransferErrorCode? code = null) =>
        writer.Append(new JobHistoryRecord(jobId, timeProvider.GetUtcNow(), kind, job().State, code?.ToString(), message));
}
