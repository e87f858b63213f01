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

        if (options.FinalJobRetention < TimeSpan.Zero || options.FinalJobRetention > TimeSpan.FromDays(36500))
        {
            failures.Add($"{TransferJobOptions.SectionName}:FinalJobRetention must be zero or more and at most 36500 days (for example 7.00:00:00), not {options.FinalJobRetention}.");
        }

        if (options.ProgressWriteInterval <= TimeSpan.Zero || options.ProgressWriteInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{TransferJobOptions.SectionName}:ProgressWriteInterval must be positive and at most 01:00:00 (for example 00:00:02), not {options.ProgressWriteInterval}.");
        }

        if (options.InactivitySweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{TransferJobOptions.SectionName}:InactivitySweepInterval must be positive (for example 01:00:00).");
        }

        if (options.IdleDeactivationAge < TimeSpan.FromMinutes(2) || options.IdleDeactivationAge > TimeSpan.FromDays(1))
        {
            failures.Add($"{TransferJobOptions.SectionName}:IdleDeactivationAge must be from 00:02:00 to 1.00:00:00 (for example 00:02:00), not {options.IdleDeactivationAge}: "
                + "Orleans collects idle grains once a minute, and wake-up reminders and observer renewals come every minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
