namespace Orleans.Transfer.Integration.Tests;

/// <summary>
/// A test of the silo as a privileged service (root), where <c>Transfer:Security:OrleansTls=Auto</c> turns TLS on;
/// skipped, saying why, otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivilegedFactAttribute : FactAttribute
{
    public PrivilegedFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: only a privileged silo turns Orleans TLS on by itself (OrleansTls=Auto); CI runs as root.";
        }
    }
}
