using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Client;

/// <summary>Checks <see cref="LocalApiClientOptions"/> when the host starts, naming the setting at fault.</summary>
internal sealed class LocalApiClientOptionsValidator : IValidateOptions<LocalApiClientOptions>
{
    // The interval travels as whole milliseconds.
    private static readonly TimeSpan s_maxWatchInterval = TimeSpan.FromMilliseconds(int.MaxValue);

    public ValidateOptionsResult Validate(string? name, LocalApiClientOptions options)
    {
        var failures = new List<string>();
        if (options.WatchInterval < TimeSpan.FromMilliseconds(1) || options.WatchInterval > s_maxWatchInterval)
        {
            failures.Add($"LocalApiClientOptions.WatchInterval is {options.WatchInterval}; give 1 ms to {s_maxWatchInterval.TotalDays:0} days.");
        }

        if (!OperatingSystem.IsWindows())
        {
            try
            {
                options.ResolveSocketPath();
            }
            catch (ArgumentException ex)
            {
                failures.Add($"LocalApiClientOptions.SocketPath: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
