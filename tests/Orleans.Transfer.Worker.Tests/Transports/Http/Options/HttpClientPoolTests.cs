using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>The handler pool: which runs share a handler (and so connections), and when entries go.</summary>
public sealed class HttpClientPoolTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly HttpClientPool _pool;

    public HttpClientPoolTests() =>
        _pool = new HttpClientPool(Microsoft.Extensions.Options.Options.Create(new TransferWorkerOptions()), _time, NullLogger<HttpClientPool>.Instance, TimeSpan.FromMinutes(10), maxHandlers: 3);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Get_NullOrHandlerNeutralOptions_IsTheSharedClientForEveryOwner()
    {
        var shared = _pool.Get("unix:1000", null);
        var headersOnly = new HttpTransferOptions
        {
            Headers = [new("X-Token", "t")],
            Redirects = RedirectPolicy.Deny,
            DynamicContent = true,
        };

        Assert.Same(shared, _pool.Get("unix:1001", null));
        Assert.Same(shared, _pool.Get("unix:1002", headersOnly));
        Assert.Equal(0, _pool.Count);
    }

    [Fact]
    public void Get_ACustomAuthorizationHeader_IsAClientOfTheOwnersOwn()
    {
        var bearer = new HttpTransferOptions { Headers = [new("Authorization", "Negotiate abc")] };
        var first = _pool.Get("unix:1000", bearer);

        Assert.NotSame(first, _pool.Get("unix:1000", null));
        Assert.NotSame(first, _pool.Get("unix:1001", bearer));
        Assert.Same(first, _pool.Get("unix:1000", bearer));
    }

    [Fact]
    public void Get_SameOptions_SameClient()
    {
        var first = _pool.Get("unix:1000", WithPassword("one"));

        Assert.Same(first, _pool.Get("unix:1000", WithPassword("one")));
        Assert.NotSame(first, _pool.Get("unix:1000", null));
        Assert.Equal(1, _pool.Count);
    }

    [Fact]
    public void Get_AnotherOwnerOrPassword_AnotherClient()
    {
        var first = _pool.Get("unix:1000", WithPassword("one"));

        Assert.NotSame(first, _pool.Get("unix:1001", WithPassword("one")));
        Assert.NotSame(first, _pool.Get("unix:1000", WithPassword("two")));
    }

    [Fact]
    public void Get_AnotherCertificateRuleOrProxy_AnotherClient()
    {
        var first = _pool.Get("unix:1000", new HttpTransferOptions { IgnoreCertificateErrors = CertificateErrors.UnknownAuthority });

        Assert.NotSame(first, _pool.Get("unix:1000", new HttpTransferOptions { IgnoreCertificateErrors = CertificateErrors.NameMismatch }));
        Assert.NotSame(first, _pool.Get("unix:1000", new HttpTransferOptions { Proxy = new ProxySettings(ProxyUsage.None) }));
    }

    [Fact]
    public void Get_UnusedForTheIdleLifetime_IsDroppedAndMadeAnew()
    {
        var first = _pool.Get("unix:1000", WithPassword("one"));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(first, _pool.Get("unix:1000", WithPassword("one")));

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.NotSame(first, _pool.Get("unix:1000", WithPassword("one")));
        Assert.Equal(1, _pool.Count);
    }

    [Fact]
    public void Get_BeyondTheCap_DropsTheLeastRecentlyUsed()
    {
        var first = _pool.Get("unix:1", WithPassword("p"));
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = _pool.Get("unix:2", WithPassword("p"));
        _time.Advance(TimeSpan.FromSeconds(1));
        _pool.Get("unix:3", WithPassword("p"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(first, _pool.Get("unix:1", WithPassword("p")));

        _pool.Get("unix:4", WithPassword("p"));

        Assert.Equal(3, _pool.Count);
        Assert.Same(first, _pool.Get("unix:1", WithPassword("p")));
        Assert.NotSame(second, _pool.Get("unix:2", WithPassword("p")));
    }

    private static HttpTransferOptions WithPassword(string password) => new()
    {
        Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", password)],
        ServerAuthorities = new HashSet<string>(["https://files.example:443"], StringComparer.OrdinalIgnoreCase),
    };
}
