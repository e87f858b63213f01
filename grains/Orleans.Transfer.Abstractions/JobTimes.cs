namespace Orleans.Transfer;

/// <summary>A job's timestamps (BITS <c>BG_JOB_TIMES</c>), in UTC.</summary>
/// <param name="Created">When the job was created.</param>
/// <param name="Modified">When the job's state or properties last changed.</param>
/// <param name="TransferCompleted">When the last file finished, or null.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobTimes")]
public sealed record JobTimes(DateTimeOffset Created, DateTimeOffset Modified, DateTimeOffset? TransferCompleted);
