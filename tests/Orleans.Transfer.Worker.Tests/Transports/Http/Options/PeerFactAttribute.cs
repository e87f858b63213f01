namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>
/// A test against Debian's peers (apache2, squid, tinyproxy; scripts/test-peers.sh installs them), or one that trusts a
/// test CA through CurrentUser\Root (which on Windows asks the user first): Linux only.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the test peers are Debian packages (scripts/test-peers.sh) and the test CA is trusted the Linux way; Linux only";
        }
    }
}
