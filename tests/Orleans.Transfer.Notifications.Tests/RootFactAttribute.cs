namespace Orleans.Transfer.Notifications.Tests;

/// <summary>A fact that starts programs as other accounts, which only root may; skipped, saying why, otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "runs POSIX programs as other Unix accounts";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "starting a program as another account needs root; run as root (CI does)";
        }
    }
}
