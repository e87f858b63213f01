namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>A test of the Linux owner-file code; skipped, saying why, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the owner-file rules are Linux system calls";
        }
    }
}
