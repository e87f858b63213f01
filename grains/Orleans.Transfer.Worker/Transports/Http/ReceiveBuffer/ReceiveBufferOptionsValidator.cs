using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="ReceiveBufferOptions"/> when the silo starts.</summary>
internal sealed class ReceiveBufferOptionsValidator : IValidateOptions<ReceiveBufferOptions>
{
    public ValidateOptionsResult Validate(string? name, ReceiveBufferOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRtt < TimeSpan.Zero || options.MaxRtt > ReceiveBufferOptions.MaxMaxRtt)
        {
            failures.Add($"{ReceiveBufferOptions.SectionName}:MaxRtt must be from zero (no bound) to 10 ms, not {options.MaxRtt}.");
        }

        if (options.Bytes is < ReceiveBufferOptions.MinBytes or > ReceiveBufferOptions.MaxBytes)
        {
            failures.Add($"{ReceiveBufferOptions.SectionName}:Bytes must be from {ReceiveBufferOptions.MinBytes} (256 KiB) to {ReceiveBufferOptions.MaxBytes} (64 MiB), not {options.Bytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
