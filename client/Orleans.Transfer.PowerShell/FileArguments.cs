using System.Management.Automation;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// Pairs -Source with -Destination as Start-BitsTransfer does, and makes local paths absolute against the session's
/// current location (which the service does not know, and which is not the process's current directory). The service
/// checks every name and has the last word.
/// </summary>
internal static class FileArguments
{
    /// <summary>
    /// One destination per source, or one destination (an existing directory, or a path ending in a separator) for
    /// every source, or none: the current location.
    /// </summary>
    /// <exception cref="TransferJobException">InvalidArgument naming the parameter.</exception>
    public static List<FileSpec> ToFileSpecs(PSCmdlet cmdlet, string[] sources, string[]? destinations)
    {
        if (sources.Length == 0)
        {
            throw Invalid("Source", "-Source: give at least one source (a URL, a share or a file path).");
        }

        destinations = destinations is { Length: > 0 } ? destinations : [cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath];
        if (destinations.Length != 1 && destinations.Length != sources.Length)
        {
            throw Invalid(
                "Destination",
                $"-Destination: {destinations.Length} destinations for {sources.Length} sources; give one per source, in the same order, or one directory for all of them.");
        }

        var files = new List<FileSpec>(sources.Length);
        for (var i = 0; i < sources.Length; i++)
        {
            var source = Remote(cmdlet, sources[i]);
            var destination = destinations.Length == 1 ? destinations[0] : destinations[i];
            files.Add(new FileSpec(source, LocalPath(cmdlet, source, destination, toDirectory: sources.Length > 1 && destinations.Length == 1)));
        }

        return files;
    }

    /// <summary>A URL or share name as given; anything else is a file path of this session.</summary>
    private static string Remote(PSCmdlet cmdlet, string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw Invalid("Source", "-Source: a source is empty.");
        }

        return source.Contains("://", StringComparison.Ordinal) || SmbNames.IsUncPath(source)
            ? source
            : cmdlet.GetUnresolvedProviderPathFromPSPath(source);
    }

    private static string LocalPath(PSCmdlet cmdlet, string source, string destination, bool toDirectory)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw Invalid("Destination", "-Destination: a destination is empty.");
        }

        var path = cmdlet.GetUnresolvedProviderPathFromPSPath(destination);
        if (!toDirectory && !Directory.Exists(path) && !EndsInSeparator(destination))
        {
            return path;
        }

        var name = FileName(source);
        return name.Length > 0
            ? Path.Combine(path, name)
            : throw Invalid("Destination", $"-Destination: '{destination}' is a directory and '{source}' names no file; give a file name.");
    }

    /// <summary>The last segment of a share path, a file path or a URL's path (percent-decoded).</summary>
    private static string FileName(string source)
    {
        if (SmbNames.IsUncPath(source))
        {
            var unc = source.TrimEnd('\\');
            return unc[(unc.LastIndexOf('\\') + 1)..];
        }

        return source.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(source, UriKind.Absolute, out var uri)
            ? Uri.UnescapeDataString(Path.GetFileName(uri.AbsolutePath.TrimEnd('/')))
            : Path.GetFileName(source.TrimEnd('/', '\\'));
    }

    private static bool EndsInSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);

    private static TransferJobException Invalid(string field, string message) => new(TransferErrorCode.InvalidArgument, message, field);
}
