using System.Net;
using System.Net.Http.Headers;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.ContentCache;

public sealed class SharingRulesTests
{
    private static readonly Uri s_url = new("http://origin.example/image.iso");

    [Fact]
    public void PlainWholeFileDownload_MayShare()
    {
        Assert.Null(SharingRules.ForbidsSharing(Request(), s_url));
        Assert.Null(SharingRules.ForbidsSharing(Request(new HttpTransferOptions { Segments = 2 }), s_url));
    }

    [Fact]
    public void AnythingOfTheCallers_ForbidsSharing()
    {
        Assert.NotNull(SharingRules.ForbidsSharing(Request(), new Uri("http://alice:secret@origin.example/image.iso")));
        Assert.NotNull(SharingRules.ForbidsSharing(
            Request(new HttpTransferOptions { Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "secret")] }), s_url));
        Assert.NotNull(SharingRules.ForbidsSharing(
            Request(new HttpTransferOptions { Headers = [new KeyValuePair<string, string>("X-Api-Key", "k")] }), s_url));
        Assert.NotNull(SharingRules.ForbidsSharing(Request(new HttpTransferOptions { ClientCertificate = new byte[] { 1 } }), s_url));
        Assert.NotNull(SharingRules.ForbidsSharing(Request() with { Ranges = [new ByteRange(0, 10)] }, s_url));
        Assert.NotNull(SharingRules.ForbidsSharing(Request() with { Direction = TransferDirection.Upload }, s_url));
    }

    [Theory]
    [InlineData("Cache-Control", "private")]
    [InlineData("Cache-Control", "no-store")]
    [InlineData("Cache-Control", "no-cache")]
    [InlineData("Set-Cookie", "a=b")]
    [InlineData("Vary", "*")]
    public void PrivateResponses_ForbidSharing(string header, string value)
    {
        using var response = Response();
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.NotNull(SharingRules.ForbidsSharing(response));
        Assert.Null(ContentIdentity.Of(s_url, response, out _, out _));
    }

    [Fact]
    public void Identity_IsUrlAndStrongETag_ElseLastModifiedAndLength()
    {
        using var tagged = Response();
        using var dated = Response();
        dated.Headers.ETag = new EntityTagHeaderValue("\"v1\"", isWeak: true);
        using var changed = Response(etag: "\"v2\"");

        var byTag = ContentIdentity.Of(s_url, tagged, out _, out _)!;
        var byDate = ContentIdentity.Of(s_url, dated, out _, out _)!;

        Assert.Equal("\"v1\"", byTag.Validator);
        Assert.Equal("lm:Wed, 02 Dec 2026 10:00:00 GMT", byDate.Validator);
        Assert.Equal(3, byTag.Blocks);
        Assert.NotEqual(byTag.Key, ContentIdentity.Of(s_url, changed, out _, out _)!.Key);
        Assert.NotEqual(byTag.Key, byDate.Key);
    }

    private static FileTransferRequest Request(HttpTransferOptions? http = null) =>
        new(Guid.NewGuid(), 0, s_url.ToString(), "/tmp/x.tmp", [], FileCheckpoint.Empty, Http: http);

    private static HttpResponseMessage Response(string etag = "\"v1\"")
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentLength = (2 * ContentCacheOptions.BlockSize) + 1;
        response.Content.Headers.TryAddWithoutValidation("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT");
        response.Headers.ETag = new EntityTagHeaderValue(etag);
        return response;
    }
}
