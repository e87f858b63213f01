using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Uploads.Replies;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class ReplyTests
{
    [Theory]
    [InlineData(BitsNotificationType.ByReference)]
    [InlineData(BitsNotificationType.ByValue)]
    public async Task LastFragment_NotifiesTheApplication_AckCarriesTheReplyUrl(BitsNotificationType type)
    {
        await using var app = await NotificationApp.StartAsync();
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = type;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var file = Bits.RandomFile(10_000);
        var (session, last) = await server.Client.UploadAsync("/uploads/a.bin?tenant=7", file, 4096);
        string replyUrl;
        using (last)
        {
            replyUrl = last.Header("BITS-Reply-URL")!;
        }

        Assert.StartsWith(new Uri(server.Address, "/uploads/.bits-replies/").AbsoluteUri, replyUrl, StringComparison.Ordinal);
        var call = Assert.Single(app.Calls);
        Assert.Equal("?tenant=7", call.Query);
        Assert.EndsWith("/uploads/a.bin?tenant=7", call.Headers["BITS-Original-Request-URL"].ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(server.PathOf("a.bin")));

        byte[] expected = [.. Encoding.ASCII.GetBytes("reply:"), .. file];
        Assert.Equal(expected, await server.Client.GetByteArrayAsync(replyUrl));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, replyUrl);
        ranged.Headers.Range = new RangeHeaderValue(6, 15);
        using var partial = await server.Client.SendAsync(ranged);
        Assert.Equal(206, (int)partial.StatusCode);
        Assert.Equal(file[..10], await partial.Content.ReadAsByteArrayAsync());

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, replyUrl));
        Assert.Equal(expected.Length, head.Content.Headers.ContentLength);

        using var close = await server.Client.SendAsync("Close-Session", "/uploads/a.bin?tenant=7", session);
        close.AssertAck(200);
        using var gone = await server.Client.GetAsync(replyUrl);
        Assert.Equal(404, (int)gone.StatusCode);
        Assert.Empty(server.AllFiles());
    }

    [Fact]
    public async Task ReplyUrl_ReplyNameReplacedByALink_ServesNothingFromTheLinkTarget()
    {
        await using var app = await NotificationApp.StartAsync();
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByValue;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var outside = Path.Combine(server.Parent, "secret.txt");
        await File.WriteAllTextAsync(outside, "secret");
        var (session, last) = await server.Client.UploadAsync("/uploads/a.bin", Bits.RandomFile(10), 10);
        var replyUrl = last.Header("BITS-Reply-URL")!;
        last.Dispose();
        var reply = server.PathOf($".bits-{Guid.Parse(session):N}.reply");
        File.Delete(reply);
        File.CreateSymbolicLink(reply, outside);
        Assert.Empty(await server.Client.GetByteArrayAsync(replyUrl));
    }

    [Fact]
    public async Task ReplyUrl_WrongToken_404()
    {
        await using var app = await NotificationApp.StartAsync();
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByValue;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var (_, last) = await server.Client.UploadAsync("/uploads/a.bin", Bits.RandomFile(10), 10);
        var replyUrl = last.Header("BITS-Reply-URL")!;
        last.Dispose();
        using var guessed = await server.Client.GetAsync(replyUrl[..^3] + "AAA");
        Assert.Equal(404, (int)guessed.StatusCode);
    }

    [Fact]
    public async Task Application_FailsWith503ThenSucceeds_RetriedLastFragmentNotifiesAgain()
    {
        await using var app = await NotificationApp.StartAsync();
        app.Statuses.Enqueue(503);
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByValue;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var file = Bits.RandomFile(100);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var failed = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        failed.AssertAck(503, "0x801901F7", "0x7");
        Assert.Null(failed.Header("BITS-Reply-URL"));

        using var retried = await server.Client.FragmentAsync("/uploads/a.bin", session, file, 0, 99);
        retried.AssertAck(200);
        Assert.Equal(2, app.Calls.Count);
        byte[] expected = [.. Encoding.ASCII.GetBytes("reply:"), .. file];
        Assert.Equal(expected, await server.Client.GetByteArrayAsync(retried.Header("BITS-Reply-URL")));
    }

    [Fact]
    public async Task Application_Answers403_AckIs403WithApplicationContext()
    {
        await using var app = await NotificationApp.StartAsync();
        app.Statuses.Enqueue(403);
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByReference;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var refused = await server.Client.FragmentAsync("/uploads/a.bin", session, Bits.RandomFile(100), 0, 99);
        refused.AssertAck(403, "0x80190193", "0x7");
        Assert.False(File.Exists(server.PathOf("a.bin")));
    }

    [Fact]
    public async Task Application_Unreachable_502WithApplicationContext()
    {
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByValue;
            d.NotificationUrl = "http://127.0.0.1:1/notify";
        });
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        using var failed = await server.Client.FragmentAsync("/uploads/a.bin", session, Bits.RandomFile(100), 0, 99);
        failed.AssertAck(502, "0x801901F6", "0x7");
    }

    [Fact]
    public async Task Application_SlowerThanTheNotificationTimeout_504WithApplicationContext()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var app = await NotificationApp.StartAsync();
        app.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await UploadServer.StartAsync(
            d =>
            {
                d.NotificationType = BitsNotificationType.ByValue;
                d.NotificationUrl = app.Url.AbsoluteUri;
                d.NotificationTimeout = TimeSpan.FromSeconds(30);
            },
            time: time);
        var session = await server.Client.CreateSessionAsync("/uploads/a.bin");
        var last = server.Client.FragmentAsync("/uploads/a.bin", session, Bits.RandomFile(100), 0, 99);
        await app.Received.Task;
        time.Advance(TimeSpan.FromSeconds(30));
        using var timedOut = await last;
        app.Hold.SetResult();
        timedOut.AssertAck(504, "0x801901F8", "0x7");
    }

    [Fact]
    public void NotificationUrl_Relative_ResolvedAgainstThisServersAddressNotTheHostHeader_WithTheUploadsQuery()
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalIpAddress = System.Net.IPAddress.Parse("10.1.2.3");
        context.Connection.LocalPort = 8470;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("169.254.169.254");
        context.Request.Path = "/uploads/in/a.bin";
        context.Request.QueryString = new QueryString("?tenant=7");
        Assert.Equal("https://10.1.2.3:8470/uploads/app/notify?tenant=7", ReplyUrls.NotificationUrl(context.Request, "../app/notify").AbsoluteUri);
        Assert.Equal("http://app.example/n?x=1&tenant=7", ReplyUrls.NotificationUrl(context.Request, "http://app.example/n?x=1").AbsoluteUri);
    }

    [Fact]
    public async Task Application_AsksForACopyAndAStaticReply_FileLandsAndAckNamesTheStaticUrl()
    {
        await using var app = await NotificationApp.StartAsync();
        app.CopyToDestination = true;
        app.StaticResponseUrl = "https://replies.example/r/42";
        await using var server = await UploadServer.StartAsync(d =>
        {
            d.NotificationType = BitsNotificationType.ByReference;
            d.NotificationUrl = app.Url.AbsoluteUri;
        });
        var file = Bits.RandomFile(100);
        var (_, last) = await server.Client.UploadAsync("/uploads/a.bin", file, 100);
        using (last)
        {
            Assert.Equal("https://replies.example/r/42", last.Header("BITS-Reply-URL"));
        }

        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
    }
}
