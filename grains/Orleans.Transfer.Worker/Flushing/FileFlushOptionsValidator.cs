using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="FileFlushOptions"/> when the silo starts.</summary>
internal sealed class FileFlushOptionsValidator : IValidateOptions<FileFlushOptions>
{
    public ValidateOptionsResult Validate(string? name, FileFlushOptions options) =>
        options.Threads is < 1 or > FileFlushOptions.MaxThreadsLimit
            ? ValidateOptionsResult.Fail(
                $"{FileFlushOptions.SectionName}:Threads must be between 1 and {FileFlushOptions.MaxThreadsLimit}, not {options.Threads}; "
                + "it is how many finished files' fsyncs run at once (default 8).")
            : ValidateOptionsResult.Success;
}
