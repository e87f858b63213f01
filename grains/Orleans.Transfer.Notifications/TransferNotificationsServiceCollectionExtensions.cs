using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>Registers notification delivery.</summary>
public static class TransferNotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="INotificationDelivery"/>, <see cref="NotifyCommandRunner"/> with the platform's
    /// <see cref="INotifyCommandAccounts"/>, <see cref="WebhookSender"/> (with the <see cref="WebhookSender.HttpClientName"/>
    /// HTTP client, which connects through <see cref="WebhookDestinationPolicy"/>), <see cref="WebhookDestinationPolicy"/>
    /// and <see cref="NotificationBackOff"/> as singletons; <see cref="NotificationOptions"/> bound from
    /// <see cref="NotificationOptions.SectionName"/> and <see cref="NotifyCommandAccountOptions"/> from
    /// <see cref="NotifyCommandAccountOptions.SectionName"/>, both validated at start; and <see cref="TimeProvider.System"/>
    /// unless a TimeProvider is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes applied after the configuration section.</param>
    public static IServiceCollection AddTransferNotifications(
        this IServiceCollection services,
        Action<NotificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddOptions<NotifyCommandAccountOptions>()
            .BindConfiguration(NotifyCommandAccountOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<NotifyCommandAccountOptions>, NotifyCommandAccountOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // One long-lived handler shared by every job's webhook. Every connection goes through the destination policy,
        // directly: a proxy would connect on the webhook's behalf, out of the policy's sight. Redirects are not
        // followed because they would turn the POST into a GET and lead past the policy's check of the settings; the
        // factory's request loggers are removed because they would log URLs with tokens.
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookDestinationPolicy>().ConnectAsync,
                ConnectTimeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.WebhookTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // WebhookSender applies WebhookTimeout itself, on the injected TimeProvider.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.TryAddSingleton<INotifyCommandAccounts>(sp => OperatingSystem.IsWindows()
            ? new WindowsNotifyCommandAccounts()
            : new UnixNotifyCommandAccounts(sp.GetRequiredService<IOptions<NotifyCommandAccountOptions>>()));
        services.TryAddSingleton<WebhookDestinationPolicy>();
        services.TryAddSingleton<NotifyCommandRunner>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton(sp => new NotificationBackOff(sp.GetRequiredService<IOptions<NotificationOptions>>()));
        services.TryAddSingleton<INotificationDelivery, NotificationDelivery>();
        return services;
    }
}
