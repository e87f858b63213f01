using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>Checks at start that <see cref="OwnerFileAccessOptions.TrustedServiceAccount"/> names a local user.</summary>
internal sealed class OwnerFileAccessOptionsValidator : IValidateOptions<OwnerFileAccessOptions>
{
    private const string Setting = OwnerFileAccessOptions.SectionName + ":" + nameof(OwnerFileAccessOptions.TrustedServiceAccount);

    public ValidateOptionsResult Validate(string? name, OwnerFileAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustedServiceAccount is not { } account)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(account))
        {
            return ValidateOptionsResult.Fail(
                $"{Setting} is empty; name the local user whose rights trusted services' files get, or remove the setting to use the service's own account.");
        }

        return OperatingSystem.IsLinux() && UnixAccounts.FindUserId(account) is null
            ? ValidateOptionsResult.Fail(
                $"{Setting} names the user '{account}', which does not exist (see 'getent passwd'); create it, or fix or remove the setting.")
            : ValidateOptionsResult.Success;
    }
}
