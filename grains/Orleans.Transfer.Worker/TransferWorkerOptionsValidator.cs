using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>The rules on <see cref="TransferWorkerOptions"/> that data annotations cannot express (time spans).</summary>
internal sealed class TransferWorkerOptionsValidator : IValidateOptions<TransferWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferWorkerOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.CheckpointInterval), options.CheckpointInterval);
        RequirePositive(failures, nameof(options.StallTimeout), options.StallTimeout);
        RequirePositive(failures, nameof(options.ConnectTimeout), options.ConnectTimeout);
        RequirePositive(failures, nameof(options.MinimumRateWindow), options.MinimumRateWindow);
        RequirePositive(failures, nameof(options.PooledConnectionLifetime), options.PooledConnectionLifetime);
        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"TransferWorkerOptions.RetryBaseDelay must be zero or more, not {options.RetryBaseDelay}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"TransferWorkerOptions.{name} must be more than zero, not {value}.");
        }
    }
}
