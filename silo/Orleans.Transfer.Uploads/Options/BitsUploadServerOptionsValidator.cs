using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Uploads;

/// <summary>Validates <see cref="BitsUploadServerOptions"/> at start: every message names the field and what to do.</summary>
internal sealed class BitsUploadServerOptionsValidator : IValidateOptions<BitsUploadServerOptions>
{
    public ValidateOptionsResult Validate(string? name, BitsUploadServerOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{BitsUploadServerOptions.SectionName}:Port must be 0-65535 (default 8470).");
        }

        if (options.MaxSessions < 1)
        {
            errors.Add($"{BitsUploadServerOptions.SectionName}:MaxSessions must be at least 1 (default 1,000).");
        }

        if (options.SweepInterval <= TimeSpan.Zero || options.SweepInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{BitsUploadServerOptions.SectionName}:SweepInterval must be more than 0 and at most 1 day (default 1 minute).");
        }

        if (options.SessionLease < TimeSpan.FromSeconds(5) || options.SessionLease > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{BitsUploadServerOptions.SectionName}:SessionLease is {options.SessionLease}; use 00:00:05 to 00:10:00 (default 00:00:30).");
        }

        foreach (var duplicate in options.Directories.GroupBy(d => d.Path, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{BitsUploadServerOptions.SectionName}:Directories names '{duplicate.Key}' more than once.");
        }

        errors.AddRange(options.Directories.SelectMany(BitsVirtualDirectoryOptionsValidator.Validate));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
