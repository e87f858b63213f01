using Orleans.Transfer.Integration.Tests.Security;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>A test in a real browser with real users: skipped, saying why, without root or without Debian's chromium.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        Skip = new RootFactAttribute().Skip;
        if (Skip is null && !File.Exists(Chromium))
        {
            Skip = $"the browser tests drive Debian's chromium at {Chromium}; scripts/test-peers.sh installs it";
        }
    }
}
