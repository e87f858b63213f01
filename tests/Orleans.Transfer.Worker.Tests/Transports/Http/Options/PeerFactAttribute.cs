namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>A test against Debian's peers (apache2, squid, tinyproxy; scripts/test-peers.sh installs them): Linux only.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the test peers are Debian packages (scripts/test-peers.sh); Linux only";
        }
    }
}
