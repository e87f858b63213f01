namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>A job's notification settings in JSON; the webhook secret is never shown, only whether one is set.</summary>
internal sealed record NotificationsJson(
    string? CommandProgram,
    IReadOnlyList<string> CommandArguments,
    string? WebhookUrl,
    bool WebhookSecretSet,
    IReadOnlyList<JobEventKind> Flags)
{
    private static readonly JobEventKind[] s_events =
        [JobEventKind.JobTransferred, JobEventKind.JobError, JobEventKind.JobModification, JobEventKind.FileTransferred];

    public static NotificationsJson From(NotificationSettings settings) => new(
        settings.CommandProgram,
        settings.CommandArguments ?? [],
        settings.WebhookUrl,
        settings.WebhookSecret is not null,
        [.. s_events.Where(kind => settings.Flags.HasFlag(kind))]);
}
