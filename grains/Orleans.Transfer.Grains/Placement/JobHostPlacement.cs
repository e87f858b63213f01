namespace Orleans.Transfer.Grains.Placement;

/// <summary>
/// Places a job's grain on a silo of the host its catalog row pins it to, else on the calling silo
/// (<see cref="JobHostPlacementDirector"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobHostPlacement")]
public sealed class JobHostPlacement : PlacementStrategy
{
    internal static JobHostPlacement Singleton { get; } = new();
}
