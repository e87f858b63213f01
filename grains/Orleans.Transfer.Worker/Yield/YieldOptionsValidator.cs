using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Checks <see cref="YieldOptions"/> when the silo starts.</summary>
internal sealed class YieldOptionsValidator : IValidateOptions<YieldOptions>
{
    private const string Section = YieldOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, YieldOptions options)
    {
        var failures = new List<string>();
        if (options.Priorities.Contains(JobPriority.Foreground))
        {
            failures.Add($"{Section}:Priorities must not contain Foreground: foreground jobs are never slowed. "
                + "Remove it; list High, Normal or Low (default Normal and Low).");
        }

        foreach (var priority in options.Priorities.Where(p => !Enum.IsDefined(p)))
        {
            failures.Add($"{Section}:Priorities contains {(int)priority}, which is no job priority: use High, Normal or Low.");
        }

        Check(failures, "TargetDelay", options.TargetDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100),
            "the queueing delay background traffic may add; more than 25 ms slows the foreground visibly (default 00:00:00.005)");
        Check(failures, "Tick", options.Tick, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200),
            "the controller must act within a few round trips, without spinning (default 00:00:00.020)");
        Check(failures, "ProbeInterval", options.ProbeInterval, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1),
            "ICMP probes must sample the delay often enough to follow it, without flooding the server (default 00:00:00.100)");
        Check(failures, "ForegroundHold", options.ForegroundHold, TimeSpan.Zero, TimeSpan.FromSeconds(30),
            "a longer hold leaves the link idle long after the foreground ends (default 00:00:02)");
        if (options.MaxWindowBytes < 64 * 1024)
        {
            failures.Add($"{Section}:MaxWindowBytes must be at least 65536 (64 KiB), not {options.MaxWindowBytes}: "
                + "a smaller window cannot fill even a slow link. Raise it (default 8388608, 8 MiB).");
        }

        if (options.Interfaces.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Section}:Interfaces must not contain empty names: name interfaces as the system does (eth0), or leave it empty for all but loopback.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max, string why)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Section}:{setting} must be between {min} and {max}, not {value}: {why}. Set it within that range.");
        }
    }
}
