using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>The rules on <see cref="NotifyCommandAccountOptions"/>.</summary>
internal sealed class NotifyCommandAccountOptionsValidator : IValidateOptions<NotifyCommandAccountOptions>
{
    // LOGIN_NAME_MAX on Linux, terminator included.
    private const int MaxNameLength = 255;

    public ValidateOptionsResult Validate(string? name, NotifyCommandAccountOptions options) =>
        options.TrustedServiceAccount is not { } account ||
        (account.Length is > 0 and <= MaxNameLength && !account.Any(c => c is ':' or '/' || char.IsWhiteSpace(c) || char.IsControl(c)))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{NotifyCommandAccountOptions.SectionName}:{nameof(options.TrustedServiceAccount)} '{account}' is not a user " +
                $"name: give a local account's name (at most {MaxNameLength} characters, no ':', '/', spaces or control " +
                "characters), or leave it unset so that trusted services' notify commands are not run.");
}
