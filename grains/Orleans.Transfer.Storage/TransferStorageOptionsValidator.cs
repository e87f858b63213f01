using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Storage;

internal sealed class TransferStorageOptionsValidator : IValidateOptions<TransferStorageOptions>
{
    private const string Section = TransferStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TransferStorageOptions options)
    {
        var failures = new List<string>();
        switch (options.Profile)
        {
            case StorageProfile.PostgreSql when string.IsNullOrWhiteSpace(options.ConnectionString):
                failures.Add($"{Section}:ConnectionString is required when {Section}:Profile is PostgreSql: set it to an "
                    + "Npgsql connection string such as 'Host=db;Database=transfer;Username=transfer', or use the Sqlite profile.");
                break;
            case StorageProfile.Sqlite when string.IsNullOrWhiteSpace(options.DataDirectory):
                failures.Add($"{Section}:DataDirectory must not be empty for the Sqlite profile: remove it to use the default, "
                    + "or set it to a writable directory.");
                break;
            case StorageProfile.Sqlite or StorageProfile.PostgreSql:
                break;
            default:
                failures.Add($"{Section}:Profile '{options.Profile}' is unknown: use Sqlite or PostgreSql.");
                break;
        }

        if (options.StartupConnectAttempts < 1)
        {
            failures.Add($"{Section}:StartupConnectAttempts must be at least 1.");
        }

        if (options.StartupConnectDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:StartupConnectDelay must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
