using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="NetworkCostOptions"/> when the silo starts.</summary>
internal sealed class NetworkCostOptionsValidator : IValidateOptions<NetworkCostOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkCostOptions options) =>
        NetworkCostSetting.TryParse(options.Cost, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{NetworkCostOptions.SectionName}:Cost must be {string.Join(", ", NetworkCostSetting.Names)}, not '{options.Cost}': "
                + "use Auto to ask the operating system, or the one cost state this machine's network always has.");
}
