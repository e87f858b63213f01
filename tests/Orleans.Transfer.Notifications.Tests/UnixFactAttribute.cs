namespace Orleans.Transfer.Notifications.Tests;

/// <summary>A fact that runs real POSIX programs (sh scripts), so it is skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Runs POSIX shell scripts; the runner itself is cross-platform.";
        }
    }
}
