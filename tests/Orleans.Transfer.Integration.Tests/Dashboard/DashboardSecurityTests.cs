using System.Net;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard's security model over plain HTTP against the real silo (docs/dashboard.md): a login token works once,
/// the cookie is HttpOnly and SameSite=Strict, the Host header is checked, no CORS header is ever sent, every action is
/// a POST that needs the anti-forgery token and the dashboard's own origin, and a busy port costs only the dashboard.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DashboardSecurityTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    private DashboardSilo Service => fixture.Service;

    [Fact]
    public async Task LoginToken_WorksOnce_AndBecomesAStrictHttpOnlySessionCookie()
    {
        var login = await Service.Client.CreateDashboardLoginAsync();
        using var first = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var page = await first.GetAsync(new Uri(login.Url));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        using var again = await first.GetAsync(new Uri(login.Url));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
        // The log reaches the file asynchronously: wait for the line, bounded.
        await SiloClients.UntilAsync(
            () => Task.FromResult(Service.Silo.ReadLog().Contains("7203", StringComparison.Ordinal)), "the refused login logged (7203)", TimeSpan.FromSeconds(30), Service.Silo);
    }

    [Fact]
    public async Task Api_WithoutASession_AnswersNotAuthenticated()
    {
        using var logged = await Service.LoginAsync();
        using var anonymous = new HttpClient { BaseAddress = logged.Http.BaseAddress };
        using var answer = await anonymous.GetAsync(new Uri("/api/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("NotAuthenticated", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task HostHeader_NotOnTheAllowList_IsRefused()
    {
        using var logged = await Service.LoginAsync();
        foreach (var (host, expected) in new[] { ("rebound.example", HttpStatusCode.Forbidden), ("localhost", HttpStatusCode.OK), ("127.0.0.1", HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
            request.Headers.Host = $"{host}:{logged.Http.BaseAddress!.Port}";
            using var answer = await logged.Http.SendAsync(request);
            Assert.True(expected == answer.StatusCode, $"Host {host}: {answer.StatusCode}");
        }
    }

    [Fact]
    public async Task NoCorsHeaders_AreSent_ToAnotherOrigin()
    {
        using var logged = await Service.LoginAsync();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        get.Headers.Add("Origin", "http://attacker.example");
        using var read = await logged.Http.SendAsync(get);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/jobs/00000000-0000-0000-0000-000000000001/cancel");
        preflight.Headers.Add("Origin", "http://attacker.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-xfer-csrf");
        using var asked = await logged.Http.SendAsync(preflight);

        Assert.False(asked.IsSuccessStatusCode, $"the preflight answered {asked.StatusCode}");
        foreach (var answer in new[] { read, asked })
        {
            Assert.DoesNotContain(answer.Headers.Concat(answer.Content.Headers), h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Action_WithoutTheAntiForgeryToken_OrFromAnotherOrigin_IsRefused_AndChangesNothing()
    {
        using var logged = await Service.LoginAsync();
        var job = await Service.Client.CreateDownloadJobAsync("csrf target");
        var cancel = new Uri($"/api/jobs/{job.Id}/cancel", UriKind.Relative);

        using (var noToken = await logged.Http.PostAsync(cancel, Json("{}")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, cancel) { Content = Json("{}") })
        {
            crossSite.Headers.Add(DashboardHeader, logged.AntiForgeryToken);
            crossSite.Headers.Add("Origin", "http://attacker.example");
            using var answer = await logged.Http.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        using (var byGet = await logged.Http.GetAsync(cancel))
        {
            Assert.False(byGet.IsSuccessStatusCode, $"GET answered {byGet.StatusCode}");
        }

        Assert.Equal(JobState.Suspended, (await Service.Client.GetAsync(job.Id)).State);

        using var allowed = new HttpRequestMessage(HttpMethod.Post, cancel) { Content = Json("{}") };
        allowed.Headers.Add(DashboardHeader, logged.AntiForgeryToken);
        allowed.Headers.Add("Origin", logged.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var done = await logged.Http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(JobState.Cancelled, (await Service.Client.GetAsync(job.Id)).State);
    }

    [Fact]
    public async Task JobStream_IsServerSentEvents_EachDataLineOneJob()
    {
        using var logged = await Service.LoginAsync();
        var job = await Service.Client.CreateDownloadJobAsync("streamed");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await logged.Http.GetAsync(new Uri($"/api/jobs/{job.Id}/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancel.Token))
        {
            Assert.Equal("job", item.EventType);
            var info = JsonSerializer.Deserialize<JobInfo>(item.Data, TransferJson.Options)!;
            Assert.Equal(job.Id, info.Id);
            Assert.Equal(JobState.Suspended, info.State);
            return;
        }

        Assert.Fail("the stream ended without an event");
    }

    [Fact]
    public async Task BusyPort_LeavesTheServiceRunning_AndXferDashboardSaysWhy()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var service = await DashboardSilo.StartAsync(new Dictionary<string, string> { ["XFER_WEB_PORT"] = port }, waitForDashboard: false);

        await SiloClients.UntilAsync(
            () => Task.FromResult(service.Silo.ReadLog().Contains("No web dashboard", StringComparison.Ordinal)), "the busy-port warning", TimeSpan.FromSeconds(30), service.Silo);
        Assert.NotNull(await service.Client.GetCallerAsync());
        var refused = await Assert.ThrowsAsync<TransferJobException>(() => service.Client.CreateDashboardLoginAsync());
        Assert.Equal(TransferErrorCode.InvalidState, refused.Code);
        Assert.Contains("XFER_WEB_PORT", refused.Message, StringComparison.Ordinal);
    }

    private const string DashboardHeader = "X-Xfer-Csrf";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
