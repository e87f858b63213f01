namespace Orleans.Transfer.Chaos;

/// <summary>A fact that needs <see cref="Tmpfs"/>: skipped with the reason where it cannot mount, but run (and failing) under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable is { } reason && !StorageProfiles.IsCi)
        {
            Skip = reason;
        }
    }
}
