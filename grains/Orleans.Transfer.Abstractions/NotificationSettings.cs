namespace Orleans.Transfer;

/// <summary>
/// A job's notification settings: a notify command (BITS B61), a webhook, and the events they report (B57). A plain
/// record of simple types so it can be persisted as JSON in grain state; property names are a storage contract.
/// </summary>
/// <param name="CommandProgram">
/// Absolute path of the program run on JobTransferred and JobError, or null for none. Not resolved on PATH: the silo's
/// PATH is not the caller's, so a bare name would be ambiguous. Whether it exists is checked when it runs (BITS runs a
/// command even if it was set after the event).
/// </param>
/// <param name="CommandArguments">
/// Arguments passed one by one, never through a shell; each may hold <c>%id%</c>, <c>%state%</c>, <c>%event%</c>,
/// <c>%name%</c>, and <c>%%</c> for a literal '%'. Null or empty for none.
/// </param>
/// <param name="WebhookUrl">Absolute http or https URL that receives a JSON POST per flagged event, or null for none.</param>
/// <param name="WebhookSecret">When set, each POST is signed with HMAC-SHA256 in the <c>X-Xfer-Signature</c> header.</param>
/// <param name="Flags">
/// The events to report. Default <see cref="JobEventKind.JobTransferred"/> | <see cref="JobEventKind.JobError"/>;
/// <see cref="JobEventKind.None"/> turns notifications off. The command only ever runs for those two (B61).
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.NotificationSettings")]
public sealed record NotificationSettings(
    string? CommandProgram = null,
    IReadOnlyList<string>? CommandArguments = null,
    string? WebhookUrl = null,
    string? WebhookSecret = null,
    JobEventKind Flags = JobEventKind.JobTransferred | JobEventKind.JobError)
{
    /// <summary>The longest the command's arguments may be together, counting one separator each (BITS B61).</summary>
    public const int MaxCommandArgumentsLength = 4000;

    private const JobEventKind AllEvents =
        JobEventKind.JobTransferred | JobEventKind.JobError | JobEventKind.JobModification | JobEventKind.FileTransferred;

    private const JobEventKind CommandEvents = JobEventKind.JobTransferred | JobEventKind.JobError;

    /// <summary>Whether the notify command should run for <paramref name="kind"/>: it is set and flagged, and the
    /// event is JobTransferred or JobError (BITS ignores the other flags for commands).</summary>
    /// <param name="kind">The event.</param>
    public bool RunsCommandFor(JobEventKind kind) =>
        CommandProgram is not null && (Flags & CommandEvents & kind) != 0;

    /// <summary>Whether the webhook should receive <paramref name="kind"/>: it is set and the event is flagged.</summary>
    /// <param name="kind">The event.</param>
    public bool PostsWebhookFor(JobEventKind kind) => WebhookUrl is not null && (Flags & kind) != 0;

    /// <summary>
    /// Checks the settings. Throws <see cref="TransferJobException"/> with <see cref="TransferErrorCode.InvalidArgument"/>
    /// naming the field (<c>notifications.commandProgram</c>, ...) at the first problem.
    /// </summary>
    public void Validate()
    {
        ValidateCommand();
        ValidateWebhook();
        if ((Flags & ~AllEvents) != 0)
        {
            throw Invalid(
                "notifications.flags",
                $"notifications.flags has undefined bits (0x{(int)(Flags & ~AllEvents):X}); " +
                $"combine JobTransferred (1), JobError (2), JobModification (4) and FileTransferred (8).");
        }
    }

    private void ValidateCommand()
    {
        const string ProgramField = "notifications.commandProgram";
        if (CommandProgram is null)
        {
            if (CommandArguments is { Count: > 0 })
            {
                throw Invalid(ProgramField, $"{ProgramField} is required when command arguments are given.");
            }

            return;
        }

        if (CommandProgram.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(CommandProgram))
        {
            throw Invalid(
                ProgramField,
                $"{ProgramField} '{CommandProgram}' is not an absolute path; give the full path of the program " +
                "(names are not looked up on PATH).");
        }

        var length = 0;
        for (var i = 0; i < (CommandArguments?.Count ?? 0); i++)
        {
            var argument = CommandArguments![i];
            var field = $"notifications.commandArguments[{i}]";
            if (argument is null || argument.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid(field, $"{field} is null or holds a NUL character.");
            }

            length += argument.Length + 1;
            if (length > MaxCommandArgumentsLength + 1)
            {
                throw Invalid(
                    "notifications.commandArguments",
                    $"notifications.commandArguments are longer than {MaxCommandArgumentsLength} characters together.");
            }
        }
    }

    private void ValidateWebhook()
    {
        const string UrlField = "notifications.webhookUrl";
        if (WebhookUrl is null)
        {
            if (WebhookSecret is not null)
            {
                throw Invalid("notifications.webhookSecret", "notifications.webhookSecret is set but there is no webhookUrl.");
            }

            return;
        }

        if (WebhookUrl.Length > JobLimits.MaxUrlLength)
        {
            throw Invalid(UrlField, $"{UrlField} is {WebhookUrl.Length} characters; the limit is {JobLimits.MaxUrlLength}.");
        }

        if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") ||
            string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid(UrlField, $"{UrlField} is not an absolute http:// or https:// URL; give the receiver's full address.");
        }

        if (WebhookSecret is { Length: 0 })
        {
            throw Invalid("notifications.webhookSecret", "notifications.webhookSecret is empty; use null for no signature.");
        }
    }

    private static TransferJobException Invalid(string field, string message) =>
        new(TransferErrorCode.InvalidArgument, message, field);
}
