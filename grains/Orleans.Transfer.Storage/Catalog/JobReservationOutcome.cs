namespace Orleans.Transfer.Storage.Catalog;

/// <summary>Whether <see cref="IJobCatalog.TryReserveAsync"/> reserved the job, or the first reason it did not.</summary>
public enum JobReservationOutcome
{
    /// <summary>The row is written and counted, and every destination is claimed.</summary>
    Reserved,

    /// <summary>The owner already has as many unfinished jobs as its limit allows.</summary>
    OwnerLimitReached,

    /// <summary>The service already holds as many unfinished jobs as its limit allows.</summary>
    ServiceLimitReached,

    /// <summary>Another unfinished job holds one of the destinations.</summary>
    DestinationTaken,

    /// <summary>The job's id has a stored state or a catalog row already (a batch create, <see cref="IJobBatchStore"/>).</summary>
    AlreadyExists,
}
