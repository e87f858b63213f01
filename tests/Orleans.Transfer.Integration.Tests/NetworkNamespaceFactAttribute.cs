namespace Orleans.Transfer.Integration.Tests;

/// <summary>A test that builds its own network namespaces; skipped, saying why, where that is impossible.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (NetworkNamespace.UnsupportedReason is { } reason)
        {
            Skip = $"{reason}; Orleans.Transfer.Tests covers network loss with a simulated network instead.";
        }
    }
}
