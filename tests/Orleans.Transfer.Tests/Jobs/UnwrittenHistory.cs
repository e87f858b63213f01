using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Grains.History;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.History;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>A job's history for tests of its parts: the writer is never started, so entries stay queued, unwritten.</summary>
internal sealed class UnwrittenHistory : IJobHistory
{
    public static JobHistory For(Func<TransferJobState> job, TimeProvider clock) =>
        new(Guid.NewGuid(), job, new JobHistoryWriter(new UnwrittenHistory(), NullLogger<JobHistoryWriter>.Instance), clock);

    public Task AppendAsync(IReadOnlyList<JobHistoryRecord> records, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<JobHistoryPage> ReadAsync(Guid jobId, long after, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(new JobHistoryPage(jobId, [], 0, after));
}
