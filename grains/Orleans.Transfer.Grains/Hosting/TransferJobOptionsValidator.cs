using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Grains.Hosting;

internal sealed class TransferJobOptionsValidator : IValidateOptions<TransferJobOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferJobOptions options)
    {
        var failures = new List<string>();
        if (options.JobInactivityTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{TransferJobOptions.SectionName}:JobInactivityTimeout must be positive (for example 90.00:00:00).");
        }

        if (options.InactivitySweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{TransferJobOptions.SectionName}:InactivitySweepInterval must be positive (for example 01:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
