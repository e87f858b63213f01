using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Storage.Secrets;

internal sealed class TransferSecretsOptionsValidator : IValidateOptions<TransferSecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferSecretsOptions options) =>
        string.IsNullOrWhiteSpace(options.KeyDirectory) || Path.IsPathFullyQualified(options.KeyDirectory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{TransferSecretsOptions.SectionName}:KeyDirectory '{options.KeyDirectory}' is not an absolute path; "
                + "give the full path of the directory every silo of the cluster shares, or leave it unset for $XFER_HOME/keys.");
}
