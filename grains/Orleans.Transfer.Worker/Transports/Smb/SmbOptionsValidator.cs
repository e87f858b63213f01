using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="SmbOptions"/> when the silo starts.</summary>
internal sealed class SmbOptionsValidator : IValidateOptions<SmbOptions>
{
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_maxIdle = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SmbOptions options)
    {
        var failures = new List<string>();
        if (options.ChunkBytes is < SmbOptions.MinChunkBytes or > SmbOptions.MaxChunkBytes)
        {
            failures.Add($"{SmbOptions.SectionName}:ChunkBytes must be from {SmbOptions.MinChunkBytes} (64 KiB) to {SmbOptions.MaxChunkBytes} (16 MiB), not {options.ChunkBytes}.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > s_maxTimeout)
        {
            failures.Add($"{SmbOptions.SectionName}:Timeout must be from 1 s to 10 min, not {options.Timeout}.");
        }

        if (options.IdleConnectionLifetime < TimeSpan.Zero || options.IdleConnectionLifetime > s_maxIdle)
        {
            failures.Add($"{SmbOptions.SectionName}:IdleConnectionLifetime must be from zero to 1 day, not {options.IdleConnectionLifetime}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
