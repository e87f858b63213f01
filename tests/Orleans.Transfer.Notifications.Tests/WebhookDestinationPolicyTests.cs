using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications.Tests;

public sealed class WebhookDestinationPolicyTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud metadata")]
    [InlineData("::169.254.169.254", "cloud metadata")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("169.254.255.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("::ffff:169.254.10.10", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    public void RefusalFor_ByDefault_RefusesAndSaysWhy(string address, string reason)
    {
        var refusal = Policy().RefusalFor(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("fec0::1")]
    public void RefusalFor_ByDefault_AllowsPublicAndPrivate(string address) =>
        Assert.Null(Policy().RefusalFor(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void RefusalFor_LoopbackAllowed_AllowsLoopback(string address) =>
        Assert.Null(Policy(o => o.AllowLoopbackWebhooks = true).RefusalFor(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("fd00:ec2::254")]
    public void RefusalFor_LoopbackAllowed_StillRefusesTheRest(string address) =>
        Assert.NotNull(Policy(o => o.AllowLoopbackWebhooks = true).RefusalFor(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")]
    [InlineData("::ffff:10.1.2.3")]
    public void RefusalFor_PrivateDenied_RefusesPrivateRanges(string address)
    {
        var refusal = Policy(o => o.DenyPrivateWebhooks = true).RefusalFor(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.Contains("Transfer:Notifications:DenyPrivateWebhooks", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalFor_PrivateDenied_AllowsPublic() =>
        Assert.Null(Policy(o => o.DenyPrivateWebhooks = true).RefusalFor(IPAddress.Parse("8.8.8.8")));

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/latest", "cloud metadata")]
    [InlineData("http://[::ffff:169.254.169.254]/", "cloud metadata")]
    [InlineData("http://2852039166/", "cloud metadata")]
    [InlineData("http://0xa9.0xfe.0xa9.0xfe/", "cloud metadata")]
    [InlineData("https://169.254.1.2:8443/hook", "link-local")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://0.0.0.0:8080/hook", "unspecified")]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://[::1]:8080/hook", "loopback")]
    [InlineData("http://localhost:8080/hook", "loopback")]
    [InlineData("http://api.LOCALHOST/hook", "loopback")]
    public void Validate_LiteralRefusedAddress_ThrowsInvalidArgumentOnTheUrl(string url, string reason)
    {
        var error = Assert.Throws<TransferJobException>(() => Policy().Validate(new NotificationSettings(WebhookUrl: url)));

        Assert.Equal(TransferErrorCode.InvalidArgument, error.Code);
        Assert.Equal("notifications.webhookUrl", error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("webhooks are not sent there", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("https://203.0.113.7/hook")]
    [InlineData("http://192.168.1.20:8080/hook")]
    [InlineData("http://metadata.example/computeMetadata")]
    public void Validate_PublicPrivateOrName_Accepted(string url) =>
        Policy().Validate(new NotificationSettings(WebhookUrl: url));

    [Fact]
    public void Validate_NoWebhook_Accepted()
    {
        Policy().Validate(null);
        Policy().Validate(new NotificationSettings("/bin/true"));
    }

    [Fact]
    public void Validate_LoopbackAllowed_AcceptsLoopback() =>
        Policy(o => o.AllowLoopbackWebhooks = true).Validate(new NotificationSettings(WebhookUrl: "http://127.0.0.1:9/hook"));

    [Fact]
    public async Task SendAsync_LiteralLoopbackByDefault_RefusedAtConnectWithoutARequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = CreateServices();

        var result = await services.GetRequiredService<WebhookSender>()
            .SendAsync(receiver.UrlFor("hook"), null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("loopback", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Transfer:Notifications:AllowLoopbackWebhooks", result.Detail, StringComparison.Ordinal);
        Assert.False(receiver.HasMoreRequests);
    }

    [Fact]
    public async Task SendAsync_NameResolvingToARefusedAddress_RefusedAtConnectWithoutARequest()
    {
        // "localhost" is a name: only the connect-time check sees what it resolves to. Any name that resolves (or
        // rebinds) to a refused address takes this path.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = CreateServices();
        var url = $"http://localhost:{receiver.BaseAddress.Port}/hook";

        var result = await services.GetRequiredService<WebhookSender>()
            .SendAsync(url, null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
        Assert.Contains("localhost resolves to", result.Detail, StringComparison.Ordinal);
        Assert.Contains("loopback", result.Detail, StringComparison.Ordinal);
        Assert.False(receiver.HasMoreRequests);
    }

    [Fact]
    public async Task SendAsync_NameResolvingToAnAllowedAddress_Delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = CreateServices(o => o.AllowLoopbackWebhooks = true);
        var url = $"http://localhost:{receiver.BaseAddress.Port}/hook";

        var result = await services.GetRequiredService<WebhookSender>()
            .SendAsync(url, null, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        Assert.Equal("/hook", (await receiver.NextRequestAsync()).Path);
    }

    private static WebhookDestinationPolicy Policy(Action<NotificationOptions>? configure = null)
    {
        var options = new NotificationOptions();
        configure?.Invoke(options);
        return new WebhookDestinationPolicy(Options.Create(options), NullLogger<WebhookDestinationPolicy>.Instance);
    }

    private static ServiceProvider CreateServices(Action<NotificationOptions>? configure = null) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddTransferNotifications(configure)
            .BuildServiceProvider();
}
