namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>A test of Linux-only code (by default the owner-file rules); skipped, saying why, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why = "the owner-file rules are Linux system calls")
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = why;
        }
    }
}
