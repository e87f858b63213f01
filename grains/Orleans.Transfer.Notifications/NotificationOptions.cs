namespace Orleans.Transfer.Notifications;

/// <summary>How notify commands and webhooks are delivered. Bound from <see cref="SectionName"/>.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section: <c>Transfer:Notifications</c>.</summary>
    public const string SectionName = "Transfer:Notifications";

    /// <summary>
    /// Longest a notify command may run. Default 5 min; more than zero. After that its whole process tree is killed
    /// and the run counts as not delivered, so it is run again after the job's MinimumRetryDelay.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time allowed for one webhook POST, from connecting to the response status. Default 30 s; more than zero.
    /// </summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Delay before the first webhook retry; each later retry doubles it (±20 % jitter). Default 5 s; more than zero.
    /// </summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest delay between webhook retries, unless the receiver asks for longer with Retry-After. Default 1 h; at
    /// least <see cref="WebhookRetryBaseDelay"/>.
    /// </summary>
    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether webhooks may go to loopback addresses (127.0.0.0/8, ::1), where other local services listen. Default
    /// false. Link-local, cloud-metadata and unspecified addresses are refused whatever this says.
    /// </summary>
    public bool AllowLoopbackWebhooks { get; set; }

    /// <summary>
    /// Whether webhooks are refused for private addresses (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10,
    /// fc00::/7, fec0::/10). Default false: receivers on the local network are allowed.
    /// </summary>
    public bool DenyPrivateWebhooks { get; set; }
}
