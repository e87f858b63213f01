using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Http;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The HTTP option calls of <see cref="Client.LocalApiTransferClient"/> on the wire: method, route and JSON body.</summary>
public sealed class LocalApiClientHttpTests
{
    private static readonly Guid s_id = FakeTransferClient.JobId;

    [Fact]
    public async Task HttpOptionCalls_UseTheirRoutes_WithTheContractsBodies()
    {
        var requests = new List<(string Method, string Path, JsonElement? Body)>();
        await using var server = await LocalApiTestServer.StartAsync(app => app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
            requests.Add((http.Request.Method, http.Request.Path.Value!, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone()));
            await http.Response.WriteAsJsonAsync(FakeTransferClient.Sample(JobState.Suspended), TransferJson.Options);
        }));
        using var client = server.Client();

        await client.SetHttpOptionsAsync(s_id, new HttpOptionsUpdate(CustomHeaders: ["X-Key: v"], Redirects: RedirectPolicy.Deny, MaxDownloadBytes: 0));
        await client.SetCredentialsAsync(s_id, new JobCredential(AuthTarget.Proxy, AuthScheme.Digest, "bob", "pw"));
        await client.RemoveCredentialsAsync(s_id, AuthTarget.Server, AuthScheme.Ntlm);
        await client.SetClientCertificateAsync(s_id, new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, "/k/c.pfx", Password: "p12"));
        await client.SetClientCertificateAsync(s_id, null);
        await client.SetRemoteUrlAsync(s_id, 2, "https://mirror/b");
        await client.ReplaceRemotePrefixAsync(s_id, "https://old/", "https://new/");

        var job = LocalApiRoutes.Job(s_id);
        Assert.Equal(
            [
                ("PATCH", job + "/http"), ("PUT", job + "/credentials"), ("DELETE", job + "/credentials/server/ntlm"),
                ("PUT", job + "/client-certificate"), ("DELETE", job + "/client-certificate"), ("PUT", job + "/files/2/remote-url"),
                ("POST", job + "/replace-remote-prefix"),
            ],
            requests.Select(r => (r.Method, r.Path)));
        Assert.Equal(
            """{"customHeaders":["X-Key: v"],"proxy":null,"redirects":"Deny","ignoreCertificateErrors":null,"checkRevocation":null,"dynamicContent":null,"maxDownloadBytes":0,"segments":null}""",
            requests[0].Body!.Value.GetRawText());
        Assert.Equal("""{"target":"Proxy","scheme":"Digest","userName":"bob","password":"pw"}""", requests[1].Body!.Value.GetRawText());
        Assert.Null(requests[2].Body);
        Assert.Equal("Pkcs12File", requests[3].Body!.Value.GetProperty("source").GetString());
        Assert.Equal("p12", requests[3].Body!.Value.GetProperty("password").GetString());
        Assert.Null(requests[4].Body);
        Assert.Equal("""{"remoteUrl":"https://mirror/b"}""", requests[5].Body!.Value.GetRawText());
        Assert.Equal("""{"oldPrefix":"https://old/","newPrefix":"https://new/"}""", requests[6].Body!.Value.GetRawText());
    }

    [Fact]
    public async Task HttpOptionRefusal_BecomesTheServicesException()
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapPut(
            LocalApiRoutes.Credentials(s_id),
            () => LocalApiTestServer.Json(new ApiError(TransferErrorCode.InvalidArgument, "credential.userName is required", "credential.userName"), StatusCodes.Status400BadRequest)));
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => client.SetCredentialsAsync(s_id, new JobCredential(AuthTarget.Server, AuthScheme.Basic, "", "pw")));

        Assert.Equal((TransferErrorCode.InvalidArgument, "credential.userName"), (error.Code, error.Field));
    }
}
