namespace Orleans.Transfer.Grains.Placement;

/// <summary>
/// The directory roots every silo reaches at the same path (<c>Transfer:Cluster:SharedRoots</c>): whether a local path
/// lies under one. Compared by full path, case-sensitively except on Windows; a root covers itself and what is under it.
/// </summary>
internal sealed class SharedRootSet
{
    private static readonly StringComparison s_comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] _roots;

    public SharedRootSet(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = roots.Select(Normalize).ToArray();
    }

    /// <summary>The root as compared: its full path without a trailing separator (but "/" stays "/").</summary>
    public static string Normalize(string root)
    {
        var full = Path.GetFullPath(root);
        var trimmed = Path.TrimEndingDirectorySeparator(full);
        return trimmed.Length == 0 ? full : trimmed;
    }

    public bool Covers(string localPath)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        var path = Path.GetFullPath(localPath);
        foreach (var root in _roots)
        {
            if (path.Equals(root, s_comparison))
            {
                return true;
            }

            var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            if (path.StartsWith(prefix, s_comparison))
            {
                return true;
            }
        }

        return false;
    }
}
