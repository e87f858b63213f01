using Orleans.Transfer.Http;
using Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options;

/// <summary>Server credentials against a real Apache with mod_auth_basic and mod_auth_digest.</summary>
public sealed class ServerAuthenticationTests(ApachePeer apache) : HttpOptionsTestBase, IClassFixture<ApachePeer>
{
    [PeerFact]
    public async Task Start_BasicWithCredentials_Downloads()
    {
        var url = new Uri(apache.Address, "basic/file.bin");
        var request = Request(url, OptionsFor(url, [Server(AuthScheme.Basic)]));

        AssertCompleted(await RunAsync(request));

        AssertContent(apache.Content, request);
    }

    [PeerFact]
    public async Task Start_DigestWithCredentials_Downloads()
    {
        var url = new Uri(apache.Address, "digest/file.bin");
        var request = Request(url, OptionsFor(url, [Server(AuthScheme.Digest)]));

        AssertCompleted(await RunAsync(request));

        AssertContent(apache.Content, request);
    }

    [PeerFact]
    public async Task Start_NoCredentials_TheSourceSeesThe401()
    {
        var url = new Uri(apache.Address, "basic/file.bin");

        var failure = AssertFailed(await RunAsync(Request(url, http: null)));

        Assert.Equal(401, failure.HttpStatus);
        Assert.False(failure.IsTransient);
    }

    [PeerFact]
    public async Task Start_WrongPassword_Is401()
    {
        var url = new Uri(apache.Address, "basic/file.bin");
        var wrong = new JobCredential(AuthTarget.Server, AuthScheme.Basic, ApachePeer.User, "not-the-password");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, [wrong]))));

        Assert.Equal(401, failure.HttpStatus);
    }

    [PeerFact]
    public async Task Start_CredentialForAnotherScheme_IsNotSent()
    {
        // Apache asks for Basic; a Digest credential answers Digest only.
        var url = new Uri(apache.Address, "basic/file.bin");

        var failure = AssertFailed(await RunAsync(Request(url, OptionsFor(url, [Server(AuthScheme.Digest)]))));

        Assert.Equal(401, failure.HttpStatus);
    }

    [PeerFact]
    public async Task Start_HostNotAmongTheJobsAuthorities_GetsNoServerCredential()
    {
        var url = new Uri(apache.Address, "basic/file.bin");
        var options = OptionsFor(url, [Server(AuthScheme.Basic)]);
        var elsewhere = new HttpTransferOptions
        {
            Credentials = options.Credentials,
            ServerAuthorities = new HashSet<string>(["https://files.example:443"], StringComparer.OrdinalIgnoreCase),
        };

        var failure = AssertFailed(await RunAsync(Request(url, elsewhere)));

        Assert.Equal(401, failure.HttpStatus);
    }

    private static JobCredential Server(AuthScheme scheme) => new(AuthTarget.Server, scheme, ApachePeer.User, ApachePeer.Password);
}
