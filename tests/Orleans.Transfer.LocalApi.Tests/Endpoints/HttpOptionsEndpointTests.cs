using System.Net;
using System.Text;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>
/// The HTTP option routes through the real endpoints and grains: the same access rule as every job mutation, bad
/// input refused naming the field, and nothing secret in any answer.
/// </summary>
[Collection(LocalApiCollection.Name)]
public sealed class HttpOptionsEndpointTests(LocalApiFixture fixture) : IDisposable
{
    private const string Password = "pw-Qk4!endpoint";
    private const string HeaderValue = "hv-Zr8!endpoint";
    private readonly HttpClient _admin = fixture.Api.CreateClient();

    public void Dispose() => _admin.Dispose();

    [Fact]
    public async Task OtherUser_AnotherOwnersJob_Is403OnEveryHttpOptionRoute()
    {
        using var other = fixture.Api.CreateClient(actAsUid: 5011);
        var job = await _admin.CreateJobAsync(ApiCalls.NewJob("admin's http"));

        var responses = new[]
        {
            await other.PatchJsonAsync(LocalApiRoutes.HttpOptions(job.Id), new HttpOptionsUpdate(Redirects: RedirectPolicy.Deny)),
            await other.PutJsonAsync(LocalApiRoutes.Credentials(job.Id), new JobCredential(AuthTarget.Server, AuthScheme.Basic, "mallory", Password)),
            await other.DeleteAsync(LocalApiRoutes.Credential(job.Id, AuthTarget.Server, AuthScheme.Basic)),
            await other.PutJsonAsync(LocalApiRoutes.ClientCertificate(job.Id), new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, "/tmp/c.pfx")),
            await other.DeleteAsync(LocalApiRoutes.ClientCertificate(job.Id)),
            await other.PutJsonAsync(LocalApiRoutes.RemoteUrl(job.Id, 0), new RemoteUrlChange("https://mallory.example/")),
            await other.PostJsonAsync(LocalApiRoutes.RemotePrefix(job.Id), new RemotePrefixChange("https://", "https://mallory.example/")),
        };

        foreach (var response in responses)
        {
            var error = await response.ReadErrorAsync(HttpStatusCode.Forbidden);
            Assert.Equal(TransferErrorCode.AccessDenied, error.Code);
            Assert.Contains(job.Id.ToString(), error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var response = await _admin.PutJsonAsync(LocalApiRoutes.Credentials(Guid.NewGuid()), new JobCredential(AuthTarget.Server, AuthScheme.Basic, "a", Password));

        Assert.Equal(TransferErrorCode.NotFound, (await response.ReadErrorAsync(HttpStatusCode.NotFound)).Code);
    }

    [Theory]
    [InlineData("PATCH", "/http", """{"customHeaders":["Range: bytes=0-"]}""", "http.customHeaders[0]")]
    [InlineData("PATCH", "/http", """{"customHeaders":[null]}""", "http.customHeaders[0]")]
    [InlineData("PATCH", "/http", """{"proxy":{"usage":"Override"}}""", "proxy.proxies")]
    [InlineData("PATCH", "/http", """{"redirects":"Sometimes"}""", "redirects")]
    [InlineData("PUT", "/credentials", """{"target":"Server","scheme":"Basic","userName":"alice","password":""}""", "credential.password")]
    [InlineData("PUT", "/credentials", """{"target":"Server","scheme":"Basic","userName":"a:b","password":"x"}""", "credential.userName")]
    [InlineData("DELETE", "/credentials/server/kerberos", null, "scheme")]
    [InlineData("DELETE", "/credentials/origin/basic", null, "target")]
    [InlineData("DELETE", "/credentials/1/basic", null, "target")]
    [InlineData("PUT", "/client-certificate", """{"source":"Store","thumbprint":"xyz"}""", "clientCertificate.thumbprint")]
    [InlineData("PUT", "/client-certificate", """{"source":"Pkcs12File","path":"relative.pfx"}""", "clientCertificate.path")]
    [InlineData("PUT", "/files/0/remote-url", "{}", "remoteUrl")]
    [InlineData("POST", "/replace-remote-prefix", """{"oldPrefix":"https://a/"}""", "newPrefix")]
    public async Task Owner_BadInput_Is400NamingTheField(string method, string route, string? body, string field)
    {
        var job = await _admin.CreateJobAsync(ApiCalls.NewJob("bad http input"));
        using var request = new HttpRequestMessage(new HttpMethod(method), LocalApiRoutes.Job(job.Id) + route)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var error = await (await _admin.SendAsync(request)).ReadErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal((TransferErrorCode.InvalidArgument, field), (error.Code, error.Field));
    }

    /// <summary>Needs the grain side of the HTTP options (JobHttp); until it lands the grain answers NotSupported.</summary>
    [Fact]
    public async Task Owner_SetsOptions_AndReadsThemBack_WithoutPasswordOrHeaderValue()
    {
        var job = await _admin.CreateJobAsync(ApiCalls.NewJob("http round trip"));
        var routes = new[]
        {
            await _admin.PutJsonAsync(LocalApiRoutes.Credentials(job.Id), new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", Password)),
            await _admin.PatchJsonAsync(LocalApiRoutes.HttpOptions(job.Id), new HttpOptionsUpdate(
                CustomHeaders: ["X-Api-Key: " + HeaderValue],
                Proxy: new ProxySettings(ProxyUsage.Override, ["http://127.0.0.1:3128"], ["<local>"]),
                Redirects: RedirectPolicy.Report,
                DynamicContent: true,
                MaxDownloadBytes: 1 << 20)),
            await _admin.GetAsync(LocalApiRoutes.Job(job.Id)),
        };

        foreach (var response in routes)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(HeaderValue, text, StringComparison.Ordinal);
        }

        var info = await (await _admin.GetAsync(LocalApiRoutes.Job(job.Id))).ReadAsync<JobInfo>();
        Assert.Equal(new CredentialInfo(AuthTarget.Server, AuthScheme.Digest, "alice"), Assert.Single(info.Http!.Credentials));
        Assert.Equal(["X-Api-Key"], info.Http.CustomHeaderNames);
        Assert.Equal((ProxyUsage.Override, RedirectPolicy.Report, true, 1L << 20), (info.Http.Proxy.Usage, info.Http.Redirects, info.Http.DynamicContent, info.Http.MaxDownloadBytes));

        var removed = await (await _admin.DeleteAsync(LocalApiRoutes.Credential(job.Id, AuthTarget.Server, AuthScheme.Digest))).ReadAsync<JobInfo>();
        Assert.Empty(removed.Http!.Credentials);
    }
}
