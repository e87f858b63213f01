using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Grains.Cluster;

/// <summary>
/// Checks <c>Transfer:Cluster</c> at start: each shared root a plain full path (no '.' or '..'), and the host name one
/// label-like word, so a mistake stops the silo with the key and the fix instead of pinning jobs wrongly.
/// </summary>
internal sealed class TransferClusterOptionsValidator : IValidateOptions<TransferClusterOptions>
{
    private const int MaxHostNameLength = 253;

    public ValidateOptionsResult Validate(string? name, TransferClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var i = 0; i < options.SharedRoots.Count; i++)
        {
            var key = $"{TransferClusterOptions.SectionName}:SharedRoots:{i}";
            var root = options.SharedRoots[i];
            if (string.IsNullOrWhiteSpace(root) || !Path.IsPathFullyQualified(root))
            {
                problems.Add($"{key} '{root}' is not a full path; give the shared directory's absolute path (XFER_SHARED_ROOTS separates roots with '{Path.PathSeparator}').");
            }
            else if (root.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]).Any(s => s is "." or ".."))
            {
                problems.Add($"{key} '{root}' contains '.' or '..' segments; give the directory's plain full path.");
            }
        }

        var host = options.HostName;
        if (string.IsNullOrWhiteSpace(host) || host.Length > MaxHostNameLength
            || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            problems.Add(
                $"{TransferClusterOptions.SectionName}:HostName '{host}' is not a host name: use 1 to {MaxHostNameLength} letters, digits, "
                + "'.', '-' or '_' (default: the machine name), the same on every silo that shares this machine's disk.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
