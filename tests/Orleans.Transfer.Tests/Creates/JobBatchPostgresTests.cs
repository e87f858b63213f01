using Orleans.Transfer.Tests.Cluster;

namespace Orleans.Transfer.Tests.Creates;

/// <summary>The batch create on PostgreSQL (<see cref="JobBatchScenarios"/>).</summary>
public sealed class JobBatchPostgresTests(PostgresJobBatchSilo fixture) : JobBatchScenarios(fixture), IClassFixture<PostgresJobBatchSilo>
{
    /// <summary>Adds: each job of a batch is the job a single create of its request makes, as returned and as its grain reads it.</summary>
    [PostgresFact]
    public Task Batch_CreatesEveryJob_AsASingleCreateWould() => CreatesEveryJob_AsASingleCreateWouldAsync();

    /// <summary>Adds: one bad job creates nothing (no job, row, claim or count) and is named jobs[i] with the single create's field.</summary>
    [PostgresFact]
    public Task Batch_WithABadJobInTheMiddle_CreatesNothing() => BadJobInTheMiddle_CreatesNothing_AndIsNamedAsync();

    /// <summary>Adds: a destination claimed twice in a batch, or held by another job, is DestinationInUse naming the job.</summary>
    [PostgresFact]
    public Task Batch_DestinationClashes_AreNamedAndCreateNothing() => DestinationClashes_InsideTheBatchAndWithAnExistingJob_AreNamedAsync();

    /// <summary>Adds: concurrent batches and single creates of one owner never pass its limit; a batch is all or none.</summary>
    [PostgresFact]
    public Task Batch_UnderConcurrentCreates_KeepsTheOwnerLimitExact() => ConcurrentBatchesAndSingleCreates_KeepTheOwnerLimitExactAsync();

    /// <summary>Adds: Resume jobs of a batch are woken and transfer to completion from a real HTTP origin.</summary>
    [PostgresFact]
    public Task Batch_JobsCreatedToRun_TransferToCompletion() => JobsCreatedToRun_TransferToCompletionAsync();

    /// <summary>Adds: a batch over Transfer:Jobs:MaxJobsPerCreateCall is refused whole, naming jobs.</summary>
    [PostgresFact]
    public Task Batch_OverTheSizeLimit_IsRefusedWhole() => OversizedBatch_IsRefusedWholeAsync();

    /// <summary>Adds: an id that exists is AlreadyExists, an id twice in the batch InvalidArgument; neither creates anything.</summary>
    [PostgresFact]
    public Task Batch_ExistingOrRepeatedId_IsRefused() => ExistingIdAndRepeatedId_AreRefusedAsync();

    /// <summary>Adds: TransferClient.CreateJobsAsync mints the ids, sets its owner and answers in the request order.</summary>
    [PostgresFact]
    public Task Batch_ThroughTheGatewayClient_CreatesInOrder() => GatewayClient_CreatesInOrder_AsItsOwnerAsync();
}
