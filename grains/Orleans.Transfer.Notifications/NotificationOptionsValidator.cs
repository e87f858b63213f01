using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>The rules on <see cref="NotificationOptions"/> (time spans, which data annotations cannot express).</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.CommandTimeout), options.CommandTimeout);
        RequirePositive(failures, nameof(options.WebhookTimeout), options.WebhookTimeout);
        RequirePositive(failures, nameof(options.WebhookRetryBaseDelay), options.WebhookRetryBaseDelay);
        if (options.WebhookRetryMaxDelay < options.WebhookRetryBaseDelay)
        {
            failures.Add(
                $"NotificationOptions.WebhookRetryMaxDelay ({options.WebhookRetryMaxDelay}) must be at least " +
                $"WebhookRetryBaseDelay ({options.WebhookRetryBaseDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"NotificationOptions.{name} must be more than zero, not {value}.");
        }
    }
}
