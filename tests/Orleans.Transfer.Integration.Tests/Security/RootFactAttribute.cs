namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>A test that creates real users and runs the service as root; skipped, saying why, when not root on Linux.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the multi-user tests need Linux users (useradd) and Unix sockets";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "the multi-user tests create users and run the service as root; run them as root (CI does)";
        }
    }
}
