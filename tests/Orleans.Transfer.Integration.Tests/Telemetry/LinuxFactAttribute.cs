namespace Orleans.Transfer.Integration.Tests.Telemetry;

/// <summary>A test that reads what only Linux shows (/proc); skipped elsewhere, saying why.</summary>
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
