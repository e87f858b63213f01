using Orleans.Placement;

namespace Orleans.Transfer.Grains.Placement;

/// <summary>Marks a grain class placed by <see cref="JobHostPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class JobHostPlacementAttribute : PlacementAttribute
{
    public JobHostPlacementAttribute()
        : base(JobHostPlacement.Singleton)
    {
    }
}
