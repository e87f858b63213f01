using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Scheduling;

/// <summary>The rule on <see cref="TransferSchedulerOptions"/> that data annotations cannot express (a time span).</summary>
internal sealed class TransferSchedulerOptionsValidator : IValidateOptions<TransferSchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferSchedulerOptions options) =>
        options.TimeSlice > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{TransferSchedulerOptions.SectionName}:TimeSlice must be more than zero, not {options.TimeSlice}.");
}
