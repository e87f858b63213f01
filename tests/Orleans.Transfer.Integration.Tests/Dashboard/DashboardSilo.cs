using System.Net;
using System.Runtime.Versioning;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>The real silo with its dashboard on a free port, and a local API client of the test's own user.</summary>
[SupportedOSPlatform("linux")]
internal sealed class DashboardSilo : IAsyncDisposable
{
    private readonly string _root;

    private DashboardSilo(string root, SiloProcess silo, LocalApiTransferClient client)
    {
        _root = root;
        Silo = silo;
        Client = client;
    }

    public SiloProcess Silo { get; }

    public LocalApiTransferClient Client { get; }

    public static async Task<DashboardSilo> StartAsync(IReadOnlyDictionary<string, string>? environment = null, bool waitForDashboard = true)
    {
        var root = Directory.CreateTempSubdirectory("xfer-dash-").FullName;
        var socket = Path.Combine(root, "xfer.sock");
        var silo = new SiloProcess(
            Directory.CreateDirectory(Path.Combine(root, "home")).FullName,
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["XFER_SOCKET"] = socket });
        await silo.StartAsync();
        var client = new LocalApiTransferClient(Options.Create(new LocalApiClientOptions { SocketPath = socket }), TimeProvider.System);
        var started = new DashboardSilo(root, silo, client);
        if (waitForDashboard)
        {
            // The pid file can appear before the dashboard's Kestrel has bound its port.
            await SiloClients.UntilAsync(
                async () => await started.TryLoginAsync() is not null, "the dashboard listening", TimeSpan.FromSeconds(30), silo);
        }

        return started;
    }

    /// <summary>A fresh login link, or null while the dashboard is not listening.</summary>
    public async Task<DashboardLogin?> TryLoginAsync()
    {
        try
        {
            return await Client.CreateDashboardLoginAsync();
        }
        catch (TransferJobException ex) when (ex.Code == TransferErrorCode.InvalidState)
        {
            return null;
        }
    }

    /// <summary>A browser-like HTTP client logged in with a fresh link: it holds the session cookie, follows no redirects.</summary>
    public async Task<LoggedIn> LoginAsync()
    {
        var login = await Client.CreateDashboardLoginAsync();
        var url = new Uri(login.Url);
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)),
        };
        using var page = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var session = await http.GetAsync(new Uri("/api/session", UriKind.Relative));
        var token = System.Text.Json.JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement.GetProperty("antiForgeryToken").GetString()!;
        return new LoggedIn(http, token, login);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Silo.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A logged-in client, the session's anti-forgery token and the link it used.</summary>
    internal sealed record LoggedIn(HttpClient Http, string AntiForgeryToken, DashboardLogin Login) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
