namespace Orleans.Transfer;

/// <summary>How many jobs of the catalog are in one state (<c>xfer service status</c>).</summary>
/// <param name="State">The state.</param>
/// <param name="Count">Jobs in it; final jobs count until retention removes them.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobStateCount")]
public sealed record JobStateCount(JobState State, long Count);
