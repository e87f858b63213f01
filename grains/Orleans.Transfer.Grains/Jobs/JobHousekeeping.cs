using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>The sweeper's two questions about a job: is it abandoned (B31), and has it been final long enough to remove.</summary>
internal static partial class JobHousekeeping
{
    /// <summary>True, and logged, when an unfinished job saw no activity for <see cref="TransferJobOptions.JobInactivityTimeout"/>.</summary>
    public static bool IsAbandoned(Guid jobId, TransferJobState job, TransferJobOptions options, DateTimeOffset now, ILogger logger)
    {
        var idle = now - job.LastActivityAt;
        if (!job.Exists || job.Damage is not null || job.State.IsFinal() || idle < options.JobInactivityTimeout)
        {
            return false;
        }

        LogCancelledForInactivity(logger, jobId, idle);
        return true;
    }

    /// <summary>True, and logged, when a final job has been unchanged for <see cref="TransferJobOptions.FinalJobRetention"/>.</summary>
    public static bool IsExpired(Guid jobId, TransferJobState job, TransferJobOptions options, DateTimeOffset now, ILogger logger)
    {
        var age = now - job.Modified;
        if (!job.Exists || !job.State.IsFinal() || age < options.FinalJobRetention)
        {
            return false;
        }

        LogFinalJobRemoved(logger, jobId, job.State, age);
        return true;
    }
}
