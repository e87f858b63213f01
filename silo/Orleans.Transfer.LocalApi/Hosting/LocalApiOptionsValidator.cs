using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>Refuses at start an administrator group that would silently make no one an administrator.</summary>
internal sealed class LocalApiOptionsValidator : IValidateOptions<LocalApiOptions>
{
    private const string Setting = LocalApiOptions.SectionName + ":" + nameof(LocalApiOptions.AdminGroup);

    public ValidateOptionsResult Validate(string? name, LocalApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AdminGroup is null)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.AdminGroup))
        {
            return ValidateOptionsResult.Fail($"{Setting} is empty; name a Unix group, or remove the setting to make only root an administrator.");
        }

        if (OperatingSystem.IsWindows())
        {
            return ValidateOptionsResult.Fail($"{Setting} is not supported on Windows, where administrators are the Administrators group; remove the setting.");
        }

        return UnixAccounts.FindGroupId(options.AdminGroup) is null
            ? ValidateOptionsResult.Fail(
                $"{Setting} names the group '{options.AdminGroup}', which does not exist (see 'getent group'); create it, or fix or remove the setting.")
            : ValidateOptionsResult.Success;
    }
}
