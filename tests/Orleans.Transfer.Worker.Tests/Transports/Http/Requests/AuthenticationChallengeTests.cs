using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>A 401 or 407 the job cannot answer: fatal, and the message says who asked for what and what to do.</summary>
public sealed class AuthenticationChallengeTests : RequestTestBase
{
    [Fact]
    public async Task Start_ServerOffersDigestAndTheJobHasNoCredentials_NamesDigestAndTheCommand()
    {
        var server = await StartServerAsync(Challenge(401, "WWW-Authenticate", "Digest realm=\"files\", qop=\"auth\", nonce=\"n1\", algorithm=MD5"));
        var request = Request(server.Url("f.bin").ToString());

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.Equal(401, failure.HttpStatus);
        Assert.False(failure.IsTransient);
        Assert.Contains("the server asked for Digest", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no Digest credentials for the server", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"xfer job set-credentials {request.JobId} --target server --scheme digest --user NAME", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ServerRefusesTheJobsCredentials_SaysTheyWereRefusedWithoutThePassword()
    {
        var server = await StartServerAsync(Challenge(401, "WWW-Authenticate", "Digest realm=\"files\", qop=\"auth\", nonce=\"n2\"", "Basic realm=\"files\""));
        var request = Request(server.Url("f.bin").ToString()) with
        {
            Http = new HttpTransferOptions
            {
                Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Digest, "alice", "p4ssw0rd!")],
                ServerAuthorities = new HashSet<string>([HttpTransferOptions.OriginOf(server.BaseAddress)], StringComparer.OrdinalIgnoreCase),
            },
        };

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Contains("the server asked for Digest or Basic and refused the job's credentials (Digest for user alice)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssw0rd!", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ServerOffersOnlyBearer_SaysTheSchemeIsNotSpoken()
    {
        var server = await StartServerAsync(Challenge(401, "WWW-Authenticate", "Bearer realm=\"api\""));

        var failure = AssertFailed(await RunAsync(Request(server.Url("f.bin").ToString())));

        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Contains("asked for Bearer, which this service does not speak", failure.Message, StringComparison.Ordinal);
        Assert.Contains("custom header", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProxyAsksForBasic_NamesTheProxyAndTheProxyCommand()
    {
        var proxy = await StartServerAsync(Challenge(407, "Proxy-Authenticate", "Basic realm=\"proxy\""));

        // Nothing listens at the file's URL: only the proxy is ever asked.
        var request = Request("http://127.0.0.1:9/f.bin") with
        {
            Http = new HttpTransferOptions
            {
                Proxy = new ProxySettings(ProxyUsage.Override, [proxy.BaseAddress.ToString()]),
                Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "secret")],
            },
        };

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.Equal(407, failure.HttpStatus);
        Assert.Contains("the proxy asked for Basic", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no Basic credentials for the proxy", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--target proxy --scheme basic", failure.Message, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:9", Assert.Single(proxy.Requests).Header("Host"));
    }

    [Fact]
    public async Task Start_ProxyRefusesTheTunnelToAnHttpsUrl_AuthenticationRequiredForTheProxy()
    {
        var proxy = await StartServerAsync(Challenge(407, "Proxy-Authenticate", "Basic realm=\"proxy\""));
        var request = Request("https://127.0.0.1:9/f.bin") with
        {
            Http = new HttpTransferOptions
            {
                Proxy = new ProxySettings(ProxyUsage.Override, [proxy.BaseAddress.ToString()]),
                Credentials = [new JobCredential(AuthTarget.Proxy, AuthScheme.Basic, "bob", "secret")],
            },
        };

        var failure = AssertFailed(await RunAsync(request));

        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.Equal(407, failure.HttpStatus);
        Assert.False(failure.IsTransient);
        Assert.Contains("tunnel", failure.Message, StringComparison.Ordinal);
        Assert.Contains("refused the job's credentials (Basic for user bob)", failure.Message, StringComparison.Ordinal);

        // The handler answered the challenge with the job's proxy credentials, and the proxy refused them.
        Assert.Collection(
            proxy.Requests,
            first => Assert.Null(first.Header("Proxy-Authorization")),
            second => Assert.StartsWith("Basic ", second.Header("Proxy-Authorization"), StringComparison.Ordinal));
        Assert.All(proxy.Requests, r => Assert.Equal("CONNECT", r.Method));
    }

    private static RequestDelegate Challenge(int status, string header, params string[] challenges) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Append(header, challenges);
        return Task.CompletedTask;
    };
}
