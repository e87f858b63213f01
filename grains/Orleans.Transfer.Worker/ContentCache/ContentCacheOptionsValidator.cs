using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="ContentCacheOptions"/> when the silo starts.</summary>
internal sealed class ContentCacheOptionsValidator : IValidateOptions<ContentCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentCacheOptions options)
    {
        var failures = new List<string>();
        if (options.Directory is { } directory && directory.Length > 0 && !Path.IsPathFullyQualified(directory))
        {
            failures.Add($"{ContentCacheOptions.SectionName}:Directory (XFER_CACHE_DIR) must be an absolute path, not '{directory}'; "
                + "give the directory on storage every silo reaches, or unset it to turn the cache off.");
        }

        if (options.MaxBytes < ContentCacheOptions.BlockSize)
        {
            failures.Add($"{ContentCacheOptions.SectionName}:MaxBytes must be at least one block ({ContentCacheOptions.BlockSize} bytes), not {options.MaxBytes}.");
        }

        if (options.StallTimeout < TimeSpan.FromSeconds(1) || options.StallTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{ContentCacheOptions.SectionName}:StallTimeout must be between 00:00:01 and 00:10:00, not {options.StallTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
