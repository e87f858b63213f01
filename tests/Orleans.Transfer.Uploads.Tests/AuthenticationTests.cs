using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Basic_NoOrWrongCredentials_401WithChallenge_RightOnesUpload()
    {
        var passwords = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(passwords, ["# uploaders", "alice:" + UploadPasswordHash.Hash("s3cret"), "bob:" + UploadPasswordHash.Hash("hunter2")]);
            await using var server = await UploadServer.StartAsync(d =>
            {
                d.Authentication = BitsAuthentication.Basic;
                d.PasswordFile = passwords;
            });

            using var anonymous = await server.Client.SendAsync("Ping", "/uploads/a.bin");
            anonymous.AssertAck(401, "0x80070005");
            Assert.Equal("Basic realm=\"/uploads\", charset=\"UTF-8\"", anonymous.Headers.WwwAuthenticate.ToString());

            using var wrong = await server.Client.SendAsync("Ping", "/uploads/a.bin", edit: As("alice", "wrong"));
            wrong.AssertAck(401, "0x80070005");

            var file = Bits.RandomFile(300);
            var (session, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 100, As("alice", "s3cret"));
            last.AssertAck(200);
            last.Dispose();
            Assert.Equal("alice", Assert.Single(server.Store.All).User);

            // Another user cannot touch alice's session, even knowing its id.
            using var bob = await server.Client.SendAsync("Cancel-Session", "/uploads/a.bin", session, edit: As("bob", "hunter2"));
            bob.AssertAck(500, "0x8020001F");
            Assert.Single(server.Store.All);
        }
        finally
        {
            File.Delete(passwords);
        }
    }

    [Fact]
    public async Task Host_TheAppsAuthorization_GuardsTheEndpointAndOwnsTheSession()
    {
        await using var server = await UploadServer.StartAsync(
            d => d.Authentication = BitsAuthentication.Host,
            host: b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorization();
            },
            conventions: e => e.RequireAuthorization());

        using var anonymous = await server.Client.SendAsync("Ping", "/uploads/a.bin");
        Assert.Equal(401, (int)anonymous.StatusCode);

        var session = await server.Client.CreateSessionAsync("/uploads/a.bin", AsHost("alice"));
        Assert.Equal("alice", Assert.Single(server.Store.All).User);
        using var bob = await server.Client.FragmentAsync("/uploads/a.bin", session, [1, 2, 3], 0, 2, AsHost("bob"));
        bob.AssertAck(500, "0x8020001F");
        using var alice = await server.Client.FragmentAsync("/uploads/a.bin", session, [1, 2, 3], 0, 2, AsHost("alice"));
        alice.AssertAck(200);
    }

    [Fact]
    public async Task Host_AnAppThatForgotRequireAuthorization_StillRefusesAnonymousUploads()
    {
        await using var server = await UploadServer.StartAsync(
            d => d.Authentication = BitsAuthentication.Host,
            host: b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorization();
            });

        using var anonymous = await server.Client.SendAsync("Create-Session", "/uploads/a.bin");

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Empty(server.Store.All);
    }

    private static Action<HttpRequestMessage> AsHost(string user) => r => r.Headers.TryAddWithoutValidation("X-Test-User", user);

    private static Action<HttpRequestMessage> As(string user, string password) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
