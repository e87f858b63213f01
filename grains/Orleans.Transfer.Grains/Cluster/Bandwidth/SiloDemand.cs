namespace Orleans.Transfer.Grains.Cluster.Bandwidth;

/// <summary>One silo's report to the cluster's bandwidth grain.</summary>
/// <param name="Silo">The reporting silo.</param>
/// <param name="BackgroundJobs">Background jobs transferring on it now: its demand on the background cap.</param>
/// <param name="AppliedPolicyVersion">The version of the cluster policy it applies, or null when none yet.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Grains.Cluster.Bandwidth.SiloDemand")]
public sealed record SiloDemand(SiloAddress Silo, int BackgroundJobs, Guid? AppliedPolicyVersion);
