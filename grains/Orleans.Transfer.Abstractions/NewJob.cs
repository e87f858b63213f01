namespace Orleans.Transfer;

/// <summary>One job of a batch create (<see cref="IJobBatchGrain.CreateAsync"/>): its id and its request.</summary>
/// <param name="Id">The job's id, which the caller has just minted (<see cref="Guid.NewGuid"/>); unique in the batch.</param>
/// <param name="Request">The job, exactly as <see cref="ITransferJobGrain.CreateAsync"/> takes it.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.NewJob")]
public sealed record NewJob(Guid Id, CreateJobRequest Request);
