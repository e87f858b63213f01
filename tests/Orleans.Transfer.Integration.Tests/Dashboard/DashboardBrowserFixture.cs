using System.Runtime.Versioning;
using Microsoft.Playwright;
using Orleans.Transfer.Integration.Tests.Security;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>
/// The multi-user service (real silo as root, real users, a real origin) and Debian's chromium driven by Playwright.
/// Nothing downloads a browser: Playwright runs /usr/bin/chromium, which scripts/test-peers.sh installs.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    internal MultiUserService Service { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: XFER_TEST_ARTIFACTS when set, else artifacts/ in the test output.</summary>
    public static string ArtifactDirectory =>
        Directory.CreateDirectory(Environment.GetEnvironmentVariable("XFER_TEST_ARTIFACTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        if (new BrowserFactAttribute().Skip is not null)
        {
            return;
        }

        Service = await MultiUserService.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
