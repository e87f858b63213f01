using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Grains.Costs;

internal sealed class CostPolicyOptionsValidator : IValidateOptions<CostPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, CostPolicyOptions options)
    {
        var failures = new List<string>();
        Check(nameof(CostPolicyOptions.Foreground), options.Foreground, failures);
        Check(nameof(CostPolicyOptions.Background), options.Background, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, string value, List<string> failures)
    {
        if (!TransferPolicy.TryParse(value, out _, out var error))
        {
            failures.Add($"{CostPolicyOptions.SectionName}:{key}: {error}");
        }
    }
}
