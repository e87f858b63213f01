namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>A test that switches a thread to another uid, which needs root on Linux; skipped, saying why, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxRootFactAttribute : FactAttribute
{
    public LinuxRootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "switching a thread's file identity is Linux only";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "switching a thread's file identity needs root; run the tests as root (CI does)";
        }
    }
}
