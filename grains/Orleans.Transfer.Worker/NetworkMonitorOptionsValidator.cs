using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="NetworkMonitorOptions"/> when the silo starts.</summary>
internal sealed class NetworkMonitorOptionsValidator : IValidateOptions<NetworkMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkMonitorOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{NetworkMonitorOptions.SectionName}:PollInterval must be more than zero, not {options.PollInterval}.");
        }

        if (options.LossGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"{NetworkMonitorOptions.SectionName}:LossGracePeriod must be zero or more, not {options.LossGracePeriod}.");
        }

        if (options.IgnoredInterfaces.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{NetworkMonitorOptions.SectionName}:IgnoredInterfaces must not contain empty names.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
