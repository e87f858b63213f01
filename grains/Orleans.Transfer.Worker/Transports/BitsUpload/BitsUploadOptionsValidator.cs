using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>The cross-field and time rules of <see cref="BitsUploadOptions"/>, checked at start.</summary>
internal sealed class BitsUploadOptionsValidator : IValidateOptions<BitsUploadOptions>
{
    public ValidateOptionsResult Validate(string? name, BitsUploadOptions options)
    {
        var errors = new List<string>();
        if (options.InitialFragmentBytes > options.MaxFragmentBytes)
        {
            errors.Add($"{BitsUploadOptions.SectionName}:InitialFragmentBytes ({options.InitialFragmentBytes}) is larger than "
                + $"MaxFragmentBytes ({options.MaxFragmentBytes}); lower it or raise the maximum.");
        }

        Positive(errors, nameof(options.FastAck), options.FastAck);
        Positive(errors, nameof(options.ResponseTimeout), options.ResponseTimeout);
        Positive(errors, nameof(options.CloseRetryDelay), options.CloseRetryDelay);
        Positive(errors, nameof(options.CancelRetryWindow), options.CancelRetryWindow);
        Positive(errors, nameof(options.CancelRetryBaseDelay), options.CancelRetryBaseDelay);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{BitsUploadOptions.SectionName}:{field} is {value}; it must be more than zero.");
        }
    }
}
