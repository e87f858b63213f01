using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A batch create's refusals (<see cref="JobBatchGrain"/>): a job's error is the single create's, its field and
/// message prefixed with the job's place in the batch, <c>jobs[i]</c>.
/// </summary>
internal static class JobBatchErrors
{
    public static string Job(int index) => $"jobs[{index}]";

    /// <summary>The single create's error <paramref name="error"/>, said of job <paramref name="index"/>.</summary>
    public static TransferJobException ForJob(int index, TransferJobException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var job = Job(index);
        return new TransferJobException(error.Code, $"{job}: {error.Message}", error.Field is { } field ? $"{job}.{field}" : job);
    }

    public static TransferJobException TooMany(int count, int limit) => new(
        TransferErrorCode.InvalidArgument,
        $"jobs holds {count} jobs, more than the {limit} one call may create ({TransferJobOptions.SectionName}:MaxJobsPerCreateCall); split it into several calls.",
        "jobs");

    public static TransferJobException Missing(int index) =>
        new(TransferErrorCode.InvalidArgument, $"{Job(index)} is null or has no request.", Job(index));

    public static TransferJobException SameId(int index, int first, Guid id) => new(
        TransferErrorCode.InvalidArgument,
        $"{Job(index)}.id {id} is also the id of {Job(first)}; give each job a new id.",
        $"{Job(index)}.id");

    public static TransferJobException SameDestination(int index, int file, string path, int first) => new(
        TransferErrorCode.DestinationInUse,
        $"{Job(index)}.files[{file}].localPath '{path}' is also a destination of {Job(first)} of the same owner in this call; choose another path.",
        $"{Job(index)}.files[{file}].localPath");

    /// <summary>
    /// What the storage refused, as the single create says it, for the job at fault; <paramref name="claimed"/> are its
    /// files' local paths, as claimed.
    /// </summary>
    public static TransferJobException Refused(JobBatchRefusal refusal, IReadOnlyList<NewJob> jobs, List<string> claimed)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (index, reservation) = (refusal.Index, refusal.Reservation);
        var request = jobs[index].Request;
        var ofOwner = jobs.Count(j => string.Equals(j.Request.Owner, request.Owner, StringComparison.Ordinal));
        var setting = request.Elevated ? nameof(TransferJobOptions.MaxJobsPerAdministrator) : nameof(TransferJobOptions.MaxJobsPerOwner);
        return reservation.Outcome switch
        {
            JobReservationOutcome.OwnerLimitReached => new TransferJobException(
                TransferErrorCode.TooManyJobsPerOwner,
                $"{Job(index)}: {request.Owner} already has {reservation.Unfinished} unfinished jobs, and this call's {ofOwner} more would pass the limit ({TransferJobOptions.SectionName}:{setting}); complete or cancel some first, or create fewer.",
                $"{Job(index)}.owner"),
            JobReservationOutcome.ServiceLimitReached => new TransferJobException(
                TransferErrorCode.TooManyJobs,
                $"The service already holds {reservation.Unfinished} unfinished jobs, and this call's {jobs.Count} more would pass the limit ({TransferJobOptions.SectionName}:MaxJobs); complete or cancel some first, or create fewer.",
                "jobs"),
            JobReservationOutcome.DestinationTaken => ForJob(
                index,
                JobReservations.DestinationInUse(claimed, reservation.TakenDestination!)),
            _ => new TransferJobException(
                TransferErrorCode.AlreadyExists,
                $"{Job(index)}.id: job {jobs[index].Id} already exists; create jobs with a new id.",
                $"{Job(index)}.id"),
        };
    }
}
