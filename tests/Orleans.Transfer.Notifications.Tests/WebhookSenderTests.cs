using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Notifications.Tests;

public sealed class WebhookSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(Notifications.OccurredAt);
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _services = CreateServices(_time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_2xx_DeliversSignedJsonWithHeaders()
    {
        var notification = Notifications.Error();
        var url = _receiver.UrlFor("hooks/xfer");

        var result = await Sender.SendAsync(url, "s3cret", notification).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        Assert.Contains("HTTP 204", result.Detail, StringComparison.Ordinal);
        var request = await _receiver.NextRequestAsync();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/xfer", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(notification.Id.ToString("D"), request.Header("X-Xfer-Event-Id"));
        Assert.Equal("JobError", request.Header("X-Xfer-Event"));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8, request.Body));
        Assert.Equal(expected, request.Header("X-Xfer-Signature"));
    }

    [Fact]
    public async Task SendAsync_Error_BodyHasTheDocumentedShape()
    {
        var notification = Notifications.Error();

        await Sender.SendAsync(_receiver.UrlFor("hook"), null, notification).WaitAsync(s_bound);

        using var body = JsonDocument.Parse((await _receiver.NextRequestAsync()).Body);
        var root = body.RootElement;
        Assert.Equal(["id", "event", "occurredAt", "job", "fileIndex"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(notification.Id, root.GetProperty("id").GetGuid());
        Assert.Equal("JobError", root.GetProperty("event").GetString());
        Assert.Equal(Notifications.OccurredAt, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("fileIndex").ValueKind);
        var job = root.GetProperty("job");
        Assert.Equal(
            ["id", "displayName", "state", "priority", "owner", "progress", "error", "errorCount"],
            job.EnumerateObject().Select(p => p.Name));
        Assert.Equal(notification.JobId, job.GetProperty("id").GetGuid());
        Assert.Equal("nightly backup", job.GetProperty("displayName").GetString());
        Assert.Equal("Error", job.GetProperty("state").GetString());
        Assert.Equal("Normal", job.GetProperty("priority").GetString());
        Assert.Equal(Notifications.ServiceOwner, job.GetProperty("owner").GetString());
        Assert.Equal(1, job.GetProperty("errorCount").GetInt32());
        var progress = job.GetProperty("progress");
        Assert.Equal(2048, progress.GetProperty("bytesTotal").GetInt64());
        Assert.Equal(1024, progress.GetProperty("bytesTransferred").GetInt64());
        Assert.Equal(2, progress.GetProperty("filesTotal").GetInt32());
        Assert.Equal(1, progress.GetProperty("filesTransferred").GetInt32());
        var error = job.GetProperty("error");
        Assert.Equal("HttpStatus", error.GetProperty("code").GetString());
        Assert.Equal("RemoteFile", error.GetProperty("context").GetString());
        Assert.Equal("HTTP 404 Not Found", error.GetProperty("message").GetString());
        Assert.Equal(404, error.GetProperty("httpStatus").GetInt32());
        Assert.Equal(1, error.GetProperty("fileIndex").GetInt32());
    }

    [Fact]
    public async Task SendAsync_NoSecretFileEvent_UnsignedWithFileIndexAndNullError()
    {
        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), null, Notifications.FileTransferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        var request = await _receiver.NextRequestAsync();
        Assert.Null(request.Header("X-Xfer-Signature"));
        Assert.Equal("FileTransferred", request.Header("X-Xfer-Event"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(0, body.RootElement.GetProperty("fileIndex").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("job").GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task SendAsync_Retried_SameEventIdAndBody()
    {
        var notification = Notifications.Transferred();
        _receiver.Respond = RespondWith(StatusCodes.Status500InternalServerError);
        await Sender.SendAsync(_receiver.UrlFor("hook"), "k", notification).WaitAsync(s_bound);
        _receiver.Respond = RespondWith(StatusCodes.Status200OK);

        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), "k", notification).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        var first = await _receiver.NextRequestAsync();
        var second = await _receiver.NextRequestAsync();
        Assert.Equal(first.Header("X-Xfer-Event-Id"), second.Header("X-Xfer-Event-Id"));
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Header("X-Xfer-Signature"), second.Header("X-Xfer-Signature"));
    }

    [Fact]
    public async Task SendAsync_500_NotDeliveredWithoutRetryAfter()
    {
        _receiver.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        };

        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("HTTP 500", result.Detail, StringComparison.Ordinal);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_503WithRetryAfterSeconds_NotDeliveredWithRetryAfter()
    {
        _receiver.Respond = RespondWith(StatusCodes.Status503ServiceUnavailable, "120");

        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterDate_MeasuredFromTimeProvider()
    {
        _receiver.Respond = RespondWith(
            StatusCodes.Status429TooManyRequests,
            Notifications.OccurredAt.AddSeconds(90).ToString("R", System.Globalization.CultureInfo.InvariantCulture));

        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Equal(TimeSpan.FromSeconds(90), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_Redirect_NotFollowedNotDelivered()
    {
        _receiver.Respond = context =>
        {
            context.Response.Redirect("/elsewhere");
            return Task.CompletedTask;
        };

        var result = await Sender.SendAsync(_receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("Redirects are not followed", result.Detail, StringComparison.Ordinal);
        Assert.Equal("/hook", (await _receiver.NextRequestAsync()).Path);
        Assert.False(_receiver.HasMoreRequests);
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTimeout_NotDelivered()
    {
        await using var services = CreateServices(TimeProvider.System, o => o.WebhookTimeout = TimeSpan.FromSeconds(1));
        _receiver.Respond = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

        var result = await services.GetRequiredService<WebhookSender>()
            .SendAsync(_receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("did not answer within 00:00:01", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_NotDeliveredWithoutException()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;

        var result = await Sender.SendAsync($"http://127.0.0.1:{port}/hook", null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("could not be reached", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UrlWithCredentialsAndQuery_DetailHidesThem()
    {
        _receiver.Respond = RespondWith(StatusCodes.Status500InternalServerError);
        var url = $"http://user:pa55@{_receiver.BaseAddress.Authority}/hook?token=t0k3n";

        var result = await Sender.SendAsync(url, null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.DoesNotContain("pa55", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", result.Detail, StringComparison.Ordinal);
        Assert.Contains("/hook?…", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_KnownVector_MatchesRfc4231()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal(
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSender.Sign("Jefe", Encoding.UTF8.GetBytes("what do ya want for nothing?")));
    }

    private WebhookSender Sender => _services.GetRequiredService<WebhookSender>();

    private static ServiceProvider CreateServices(TimeProvider time, Action<NotificationOptions>? configure = null) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(time)
            .AddTransferNotifications(o =>
            {
                // The receiver listens on 127.0.0.1, which the default destination policy refuses.
                o.AllowLoopbackWebhooks = true;
                configure?.Invoke(o);
            })
            .BuildServiceProvider();

    private static Func<HttpContext, Task> RespondWith(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return Task.CompletedTask;
    };
}
