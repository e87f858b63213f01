using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>The job's custom headers as real servers receive them.</summary>
public sealed class CustomHeaderTests : RequestTestBase
{
    private static readonly HttpTransferOptions s_options = new()
    {
        Headers =
        [
            new("X-Tenant", "blue"),
            new("Authorization", "Bearer token-123"),
            new("Cookie", "session=abc"),
            new("User-Agent", "custom-agent/1.0"),
        ],
    };

    [Fact]
    public async Task Start_CustomHeaders_ArriveOnEveryRequestIncludingTheRetry()
    {
        var file = new ServedFile(ServedFile.Bytes(2 * MiB, seed: 11), "\"h1\"");
        file.DropAfter(MiB);
        var server = await StartServerAsync(file.ServeAsync);

        var events = await RunAsync(Request(server.Url("f.bin").ToString()) with { Http = s_options });

        AssertCompleted(events);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("blue", r.Header("X-Tenant"));
            Assert.Equal("Bearer token-123", r.Header("Authorization"));
            Assert.Equal("session=abc", r.Header("Cookie"));
            Assert.Equal("custom-agent/1.0", r.Header("User-Agent"));
        });
        Assert.StartsWith("bytes=", server.Requests[1].Header("Range"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RedirectToAnotherOrigin_DropsAuthorizationAndCookieButKeepsTheOthers()
    {
        var file = new ServedFile(ServedFile.Bytes(MiB, seed: 12), "\"h2\"");
        var other = await StartServerAsync(file.ServeAsync);
        var origin = await StartServerAsync(context => context.Request.Path == "/back.bin"
            ? file.ServeAsync(context)
            : Redirect(other.Url("f.bin").ToString())(context));

        var events = await RunAsync(Request(origin.Url("f.bin").ToString()) with { Http = s_options });

        AssertCompleted(events);
        var first = Assert.Single(origin.Requests);
        Assert.Equal("Bearer token-123", first.Header("Authorization"));
        var moved = Assert.Single(other.Requests);
        Assert.Null(moved.Header("Authorization"));
        Assert.Null(moved.Header("Cookie"));
        Assert.Equal("blue", moved.Header("X-Tenant"));
        Assert.Equal("custom-agent/1.0", moved.Header("User-Agent"));
    }

    [Fact]
    public async Task Start_RedirectBackToTheSameOrigin_KeepsAuthorization()
    {
        var file = new ServedFile(ServedFile.Bytes(MiB, seed: 13), "\"h3\"");
        var server = await StartServerAsync(context => context.Request.Path == "/here.bin"
            ? file.ServeAsync(context)
            : Redirect("/here.bin", StatusCodes.Status308PermanentRedirect)(context));

        var events = await RunAsync(Request(server.Url("f.bin").ToString()) with { Http = s_options });

        AssertCompleted(events);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer token-123", r.Header("Authorization")));
    }

    [Fact]
    public async Task Start_HttpsUrl_CustomProxyAuthorizationNeverReachesTheServer()
    {
        using var certificate = TestCertificate.Create();
        var file = new ServedFile(ServedFile.Bytes(MiB, seed: 15), "\"h5\"");
        var server = await StartServerAsync(file.ServeAsync, certificate);
        var options = new HttpTransferOptions
        {
            Headers = [new("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"), new("X-Tenant", "blue")],
            IgnoreCertificateErrors = Orleans.Transfer.Http.CertificateErrors.UnknownAuthority,
        };

        AssertCompleted(await RunAsync(Request(server.Url("f.bin").ToString()) with { Http = options }));

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("Proxy-Authorization"));
        Assert.Equal("blue", request.Header("X-Tenant"));
    }

    [Fact]
    public async Task Start_NoOptions_SendsTheServiceDefaultsOnly()
    {
        var file = new ServedFile(ServedFile.Bytes(MiB, seed: 14), "\"h4\"");
        var server = await StartServerAsync(file.ServeAsync);

        AssertCompleted(await RunAsync(Request(server.Url("f.bin").ToString())));

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("X-Tenant"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("identity", request.Header("Accept-Encoding"));
        Assert.NotEqual("custom-agent/1.0", request.Header("User-Agent"));
    }
}
