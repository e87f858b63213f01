namespace Orleans.Transfer.Integration.Tests;

/// <summary>A test of Linux behaviour; skipped elsewhere with the reason given.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = why;
        }
    }
}
