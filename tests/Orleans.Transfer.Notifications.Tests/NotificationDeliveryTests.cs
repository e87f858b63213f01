using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications.Tests;

public sealed class NotificationDeliveryTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DeliverWebhookAsync_WebhookSet_PostsToIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = CreateServices();
        var settings = new NotificationSettings(WebhookUrl: receiver.UrlFor("hook"), WebhookSecret: "k");

        var result = await services.GetRequiredService<INotificationDelivery>()
            .DeliverWebhookAsync(settings, Notifications.Transferred()).WaitAsync(s_bound);

        Assert.True(result.Delivered, result.Detail);
        Assert.NotNull((await receiver.NextRequestAsync()).Header("X-Xfer-Signature"));
    }

    [Fact]
    public async Task DeliverWebhookAsync_WebhookRemoved_DeliveredWithoutSending()
    {
        await using var services = CreateServices();

        var result = await services.GetRequiredService<INotificationDelivery>()
            .DeliverWebhookAsync(new NotificationSettings(), Notifications.Transferred());

        Assert.True(result.Delivered);
        Assert.Contains("no webhook", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverCommandAsync_CommandRemoved_DeliveredWithoutRunning()
    {
        await using var services = CreateServices();

        var result = await services.GetRequiredService<INotificationDelivery>()
            .DeliverCommandAsync(new NotificationSettings(), Notifications.Error());

        Assert.True(result.Delivered);
        Assert.Contains("no notify command", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverCommandAsync_MissingProgram_NotDelivered()
    {
        await using var services = CreateServices();
        var settings = new NotificationSettings(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        var result = await services.GetRequiredService<INotificationDelivery>()
            .DeliverCommandAsync(settings, Notifications.Error()).WaitAsync(s_bound);

        Assert.False(result.Delivered);
    }

    [Fact]
    public async Task AddTransferNotifications_Section_BindsOptionsThenConfigure()
    {
        await using var services = CreateServices(
            new()
            {
                ["Transfer:Notifications:CommandTimeout"] = "00:00:07",
                ["Transfer:Notifications:WebhookTimeout"] = "00:00:09",
                ["Transfer:Notifications:DenyPrivateWebhooks"] = "true",
                ["Transfer:Security:TrustedServiceAccount"] = "xfer-service",
            },
            o => o.WebhookTimeout = TimeSpan.FromSeconds(11));

        var options = services.GetRequiredService<IOptions<NotificationOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(7), options.CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(11), options.WebhookTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.WebhookRetryBaseDelay);
        Assert.Equal(TimeSpan.FromHours(1), options.WebhookRetryMaxDelay);
        Assert.True(options.DenyPrivateWebhooks);
        Assert.Equal("xfer-service", services.GetRequiredService<IOptions<NotifyCommandAccountOptions>>().Value.TrustedServiceAccount);
    }

    [Fact]
    public void NotificationOptions_Defaults_RefuseLoopbackAllowPrivate()
    {
        var options = new NotificationOptions();

        Assert.False(options.AllowLoopbackWebhooks);
        Assert.False(options.DenyPrivateWebhooks);
        Assert.Null(new NotifyCommandAccountOptions().TrustedServiceAccount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("svc:backup")]
    [InlineData("/etc/passwd")]
    [InlineData("two words")]
    public async Task StartAsync_TrustedServiceAccountNotAUserName_FailsNamingTheKey(string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Transfer:Security:TrustedServiceAccount"] = value });
        builder.Services.AddTransferNotifications();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Transfer:Security:TrustedServiceAccount", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CommandTimeout", "00:00:00")]
    [InlineData("WebhookTimeout", "-00:00:01")]
    [InlineData("WebhookRetryBaseDelay", "00:00:00")]
    [InlineData("WebhookRetryMaxDelay", "00:00:01")]
    public async Task StartAsync_InvalidOptions_FailsNamingTheOption(string name, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Transfer:Notifications:{name}"] = value });
        builder.Services.AddTransferNotifications();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTransferNotifications_BackOff_UsesOptions()
    {
        await using var services = CreateServices(configure: o =>
        {
            o.WebhookRetryBaseDelay = TimeSpan.FromSeconds(1);
            o.WebhookRetryMaxDelay = TimeSpan.FromSeconds(2);
        });

        var backOff = services.GetRequiredService<NotificationBackOff>();

        Assert.InRange(backOff.NextDelay(1, null), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        Assert.InRange(backOff.NextDelay(10, null), TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2));
    }

    private static ServiceProvider CreateServices(
        Dictionary<string, string?>? configuration = null,
        Action<NotificationOptions>? configure = null) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? []).Build())
            .AddTransferNotifications(o =>
            {
                // The receiver listens on 127.0.0.1, which the default destination policy refuses.
                o.AllowLoopbackWebhooks = true;
                configure?.Invoke(o);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
}
