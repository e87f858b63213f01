using System.Runtime.Versioning;
using Microsoft.Playwright;
using Orleans.Transfer.Integration.Tests.Security;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's chromium against the real service running as root, used by real users: login by token,
/// a real job's progress moving live (over the event stream, not by polling), an owner not seeing another owner's job,
/// and an administrator acting on someone else's job.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DashboardBrowserTests(DashboardBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardBrowserFixture>
{
    private static readonly float s_timeoutMs = 30_000;

    private MultiUserService Service => fixture.Service;

    [BrowserFact]
    public async Task Owner_LogsInByToken_SeesTheirJobMoveLive_AndNotAnotherOwnersJob()
    {
        // 16 MiB at 512 KiB/s: half a minute, far longer than the test looks at it.
        Service.Origin.AddGenerated("slow.bin", 16L << 20, seed: 19).ThrottleBytesPerSecond = 512 * 1024;
        var alices = (await Service.XferOkAsync(LocalUsers.Alice, "job", "create", "alice's big download")).Trim();
        await Service.XferOkAsync(LocalUsers.Alice, "job", "add-file", alices, Service.Origin.UrlFor("slow.bin").ToString(),
            Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "slow.bin"));
        await Service.XferOkAsync(LocalUsers.Alice, "job", "resume", alices);
        var bobs = await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "bobs.bin"));

        var url = (await Service.XferOkAsync(LocalUsers.Alice, "dashboard")).Trim();
        var origin = new Uri(url).GetLeftPart(UriPartial.Authority);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(s_timeoutMs);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Method + " " + new Uri(request.Url).PathAndQuery);

        // Without the token there is no way in.
        await page.GotoAsync(origin + "/");
        await page.GetByTestId("login-needed").WaitForAsync();

        await page.GotoAsync(url);
        await Assertions.Expect(page.GetByTestId("who")).ToHaveTextAsync(LocalUsers.Alice);
        Assert.Equal(origin + "/", page.Url);

        // The first load lists the jobs; Bob's is not among them.
        var row = page.Locator($"tr[data-job-id='{alices}']");
        await row.WaitForAsync();
        Assert.Equal(0, await page.Locator($"tr[data-job-id='{bobs}']").CountAsync());

        await row.ClickAsync();
        var bytes = page.GetByTestId("job-bytes");
        await bytes.WaitForAsync();
        // Several updates (about half a second apart), so the screenshot's chart has a line.
        for (var i = 0; i < 6; i++)
        {
            await WaitForChangeAsync(page, "[data-testid=job-bytes]");
        }

        Assert.Equal("Transferring", await page.GetByTestId("job-state").TextContentAsync());

        // Live by the event stream: the job itself was fetched once, then only streamed.
        Assert.Single(requests, r => r == $"GET /api/jobs/{alices}");
        Assert.Single(requests, r => r == $"GET /api/jobs/{alices}/stream");

        var screenshot = Path.Combine(DashboardBrowserFixture.ArtifactDirectory, "dashboard-job-progress.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        // Bob's job by its address: refused, as the console refuses it.
        await page.GotoAsync($"{origin}/#/job/{bobs}");
        await Assertions.Expect(page.GetByTestId("job-error")).ToContainTextAsync("AccessDenied");

        await Service.XferOkAsync(LocalUsers.Alice, "job", "cancel", alices);
    }

    [BrowserFact]
    public async Task Administrator_SeesEveryOwnersJobs_AndCancelsAnothersJob()
    {
        var alices = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "for-carol.bin"));
        var url = (await Service.XferOkAsync(LocalUsers.Carol, "dashboard")).Trim();
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(s_timeoutMs);

        await page.GotoAsync(url);
        await Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync("(administrator)");
        Assert.Equal(0, await page.Locator($"tr[data-job-id='{alices}']").CountAsync());
        await page.GetByTestId("all-owners").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.Locator($"tr[data-job-id='{alices}']").ClickAsync();

        await page.Locator("button[data-action=cancel]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-state")).ToHaveTextAsync("Cancelled");

        Assert.Equal("Cancelled", (await Service.JobJsonAsync(LocalUsers.Alice, alices)).GetProperty("state").GetString());
        await SiloClients.UntilAsync(
            () => Task.FromResult(Service.Silo.ReadLog().Contains($"{LocalUsers.Carol} did cancel on job {alices}", StringComparison.Ordinal)), "the audit line", TimeSpan.FromSeconds(30), Service.Silo);
    }

    private static async Task WaitForChangeAsync(IPage page, string selector)
    {
        var before = await page.Locator(selector).TextContentAsync();
        await page.WaitForFunctionAsync(
            "([selector, before]) => document.querySelector(selector)?.textContent !== before",
            new object?[] { selector, before },
            new PageWaitForFunctionOptions { Timeout = s_timeoutMs });
    }
}
