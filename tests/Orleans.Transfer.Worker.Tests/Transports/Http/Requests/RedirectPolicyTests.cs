using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Requests;

/// <summary>Redirects followed by the source itself under the job's policy, against real servers.</summary>
public sealed class RedirectPolicyTests : RequestTestBase
{
    private const int Size = MiB + 17;

    [Fact]
    public async Task Start_RelativeRedirectUnderAllow_FollowsSilently()
    {
        var file = new ServedFile(ServedFile.Bytes(Size, seed: 1), "\"a1\"");
        var server = await StartServerAsync(context =>
            context.Request.Path == "/moved.bin" ? Redirect("target.bin", StatusCodes.Status307TemporaryRedirect)(context) : file.ServeAsync(context));

        var events = await RunAsync(Request(server.Url("moved.bin").ToString()) with { Http = Options(RedirectPolicy.Allow) });

        AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(file.Content), Sha256Of(Path.Combine(Scratch, "file.tmp")));
        Assert.All(events, e => Assert.Null(e.FinalUrl));
        Assert.Equal(["/moved.bin", "/target.bin"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Start_RedirectUnderReport_ConnectedCarriesTheFinalUrl()
    {
        var file = new ServedFile(ServedFile.Bytes(Size, seed: 2), "\"a2\"");
        var target = await StartServerAsync(file.ServeAsync);
        var origin = await StartServerAsync(Redirect(target.Url("final.bin?token=secret").ToString(), StatusCodes.Status301MovedPermanently));

        var events = await RunAsync(Request(origin.Url("start.bin").ToString()) with { Http = Options(RedirectPolicy.Report) });

        AssertCompleted(events);
        Assert.Equal(target.Url("final.bin") + "?…", Connected(events).FinalUrl);
        Assert.DoesNotContain(events, e => e.FinalUrl?.Contains("secret", StringComparison.Ordinal) == true);
        Assert.All(events.Where(e => e.Kind != TransferEventKind.Connected), e => Assert.Null(e.FinalUrl));
    }

    [Fact]
    public async Task Start_NoRedirectUnderReport_NoFinalUrl()
    {
        var file = new ServedFile(ServedFile.Bytes(Size, seed: 3), "\"a3\"");
        var server = await StartServerAsync(file.ServeAsync);

        var events = await RunAsync(Request(server.Url("plain.bin").ToString()) with { Http = Options(RedirectPolicy.Report) });

        AssertCompleted(events);
        Assert.All(events, e => Assert.Null(e.FinalUrl));
    }

    [Fact]
    public async Task Start_RedirectUnderDeny_FailsWithTheStatusAndTheLocationWithoutSecrets()
    {
        var target = await StartServerAsync(context => context.Response.WriteAsync("never"));
        var location = new UriBuilder(target.Url("elsewhere.bin?sig=secret")) { UserName = "user", Password = "hunter2" }.Uri;
        var origin = await StartServerAsync(Redirect(location.ToString(), StatusCodes.Status303SeeOther));

        var events = await RunAsync(Request(origin.Url("f.bin").ToString()) with { Http = Options(RedirectPolicy.Deny) });

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.RedirectRefused, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.Equal(303, failure.HttpStatus);
        Assert.False(failure.IsTransient);
        Assert.Contains("HTTP 303", failure.Message, StringComparison.Ordinal);
        Assert.Contains(target.Url("elsewhere.bin").ToString(), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
        Assert.Equal(target.Url("elsewhere.bin") + "?…", events[^1].FinalUrl);
        Assert.DoesNotContain(events, e => e.Kind == TransferEventKind.Connected);
        Assert.Empty(target.Requests);
    }

    [Theory]
    [InlineData(RedirectPolicy.Allow)]
    [InlineData(RedirectPolicy.Report)]
    [InlineData(RedirectPolicy.Deny)]
    public async Task Start_HttpsToHttp_RefusedUnderEveryPolicy(RedirectPolicy policy)
    {
        using var certificate = TestCertificate.Create();
        var plain = await StartServerAsync(context => context.Response.WriteAsync("clear text"));
        var secure = await StartServerAsync(Redirect(plain.Url("down.bin").ToString()), certificate);
        var request = Request(secure.Url("f.bin").ToString()) with
        {
            Http = new HttpTransferOptions { Redirects = policy, IgnoreCertificateErrors = CertificateErrors.UnknownAuthority },
        };

        var events = await RunAsync(request);

        var failure = AssertFailed(events);
        Assert.Equal(TransferErrorCode.RedirectRefused, failure.Code);
        Assert.Equal(302, failure.HttpStatus);
        Assert.Contains("from https to plain http", failure.Message, StringComparison.Ordinal);
        Assert.Contains(plain.Url("down.bin").ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Single(secure.Requests);
        Assert.Empty(plain.Requests);
    }

    [Fact]
    public async Task Start_HttpsToHttps_FollowedOverTls()
    {
        using var certificate = TestCertificate.Create();
        var file = new ServedFile(ServedFile.Bytes(Size, seed: 4), "\"a4\"");
        var secure = await StartServerAsync(
            context => context.Request.Path == "/f.bin" ? Redirect("/g.bin")(context) : file.ServeAsync(context), certificate);
        var request = Request(secure.Url("f.bin").ToString()) with
        {
            Http = new HttpTransferOptions { Redirects = RedirectPolicy.Report, IgnoreCertificateErrors = CertificateErrors.UnknownAuthority },
        };

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(secure.Url("g.bin").ToString(), Connected(events).FinalUrl);
    }

    [Fact]
    public async Task Start_ResumeThroughARedirect_RangeAndIfRangeGoToTheTarget()
    {
        var file = new ServedFile(ServedFile.Bytes(2 * MiB, seed: 5), "\"a5\"");
        var server = await StartServerAsync(context =>
            context.Request.Path == "/moved.bin" ? Redirect("/now-here.bin")(context) : file.ServeAsync(context));
        var request = Request(server.Url("moved.bin").ToString(), new FileCheckpoint(MiB, file.Content.Length, "\"a5\"", null, false));
        File.WriteAllBytes(request.TempPath, file.Content[..MiB]);

        var events = await RunAsync(request);

        AssertCompleted(events);
        Assert.Equal(ServedFile.Sha256(file.Content), Sha256Of(request.TempPath));
        Assert.Equal(["bytes=1048576-"], file.RangeHeaders);
        var hops = server.Requests;
        Assert.All(hops, r => Assert.Equal("\"a5\"", r.Header("If-Range")));
        Assert.Equal(MiB, file.BodyBytesSent);
    }

    [Fact]
    public async Task Start_RedirectWithoutLocation_FailsAsAnUnusableResponse()
    {
        var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            return Task.CompletedTask;
        });

        var failure = AssertFailed(await RunAsync(Request(server.Url("f.bin").ToString())));

        Assert.Equal(TransferErrorCode.InvalidServerResponse, failure.Code);
        Assert.Contains("without a Location", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ElevenRedirects_FailsAsARedirectLoopAfterTen()
    {
        var server = await StartServerAsync(context =>
        {
            var hop = int.Parse(context.Request.Path.Value!.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            return Redirect($"/{hop + 1}")(context);
        });

        var failure = AssertFailed(await RunAsync(Request(server.Url("0").ToString())));

        Assert.Equal(TransferErrorCode.RedirectLoop, failure.Code);
        Assert.Equal(RedirectFollower.MaxRedirects + 1, server.Requests.Count);
    }

    private static HttpTransferOptions Options(RedirectPolicy policy) => new() { Redirects = policy };
}
