using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A file (or directory) on an SMB share, parsed from <c>smb://host[:port]/share/path</c> or the UNC form
/// <c>\\host\share\path</c>, which name the same file. Every path segment is checked: no <c>.</c> or <c>..</c>, no
/// empty segment, no separator hidden by percent-encoding, no stream (<c>:</c>), wildcard or control character, so a
/// name can never leave the share or the directory it names.
/// </summary>
/// <param name="Host">The server, lowercase.</param>
/// <param name="Port">The TCP port, or null for SMB's default (445).</param>
/// <param name="Share">The share's name.</param>
/// <param name="Segments">The path inside the share, decoded, one directory or file name per segment.</param>
internal sealed record SmbLocation(string Host, int? Port, string Share, IReadOnlyList<string> Segments)
{
    private static readonly SearchValues<char> s_forbidden = SearchValues.Create("\\/:*?\"<>|");

    /// <summary>The last segment: the file's name.</summary>
    public string Name => Segments[^1];

    /// <summary>
    /// Parses an smb URL or a UNC path naming a file: false with <paramref name="problem"/> (a sentence fragment
    /// saying what is wrong) when it does not.
    /// </summary>
    public static bool TryParse(string remote, [NotNullWhen(true)] out SmbLocation? location, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(remote);
        location = null;
        return SmbNames.IsUncPath(remote) ? TryParseUnc(remote, out location, out problem) : TryParseUrl(remote, out location, out problem);
    }

    /// <summary>The file <paramref name="name"/> in the same directory (an upload's temporary file).</summary>
    public SmbLocation Sibling(string name) => this with { Segments = [.. Segments.Take(Segments.Count - 1), name] };

    /// <summary>The canonical URL stored with the job and given to libsmbclient: segments percent-encoded.</summary>
    public string ToUrl()
    {
        var port = Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return $"smb://{Host}{port}/{Uri.EscapeDataString(Share)}/{string.Join('/', Segments.Select(Uri.EscapeDataString))}";
    }

    /// <summary>The UNC path Windows opens (<c>\\host\share\dir\file</c>); the port cannot be named there.</summary>
    public string ToUncPath() => $@"\\{Host}\{Share}\{string.Join('\\', Segments)}";

    /// <summary>The server and share as a UNC path (<c>\\host\share</c>), which Windows connects credentials to.</summary>
    public string ToUncShare() => $@"\\{Host}\{Share}";

    public override string ToString() => ToUrl();

    private static bool TryParseUrl(string remote, out SmbLocation? location, out string? problem)
    {
        location = null;
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || !string.Equals(uri.Scheme, "smb", StringComparison.OrdinalIgnoreCase))
        {
            problem = "is not an smb:// URL or a \\\\server\\share path";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            problem = "carries a user name or password in the URL; give the share's credentials as the job's server credential (xfer --user) instead";
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = "has a query or fragment, which SMB paths cannot carry";
            return false;
        }

        // The raw path, so that an encoded separator or dot segment is seen before anything decodes it.
        var raw = remote[(remote.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        var rawPath = slash < 0 ? string.Empty : raw[(slash + 1)..];
        var parts = rawPath.Split('/');
        var decoded = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            string segment;
            try
            {
                segment = Uri.UnescapeDataString(part);
            }
            catch (UriFormatException)
            {
                problem = $"has a badly percent-encoded segment '{part}'";
                return false;
            }

            decoded.Add(segment);
        }

        return TryCreate(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port, decoded, out location, out problem);
    }

    private static bool TryParseUnc(string remote, out SmbLocation? location, out string? problem)
    {
        location = null;
        var parts = remote[2..].Split('\\');
        var host = parts[0];
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            problem = $"names the server '{host}', which is not a host name or address";
            return false;
        }

        return TryCreate(host, port: null, parts[1..], out location, out problem);
    }

    private static bool TryCreate(string host, int? port, IReadOnlyList<string> parts, out SmbLocation? location, out string? problem)
    {
        location = null;
        if (host.Length == 0)
        {
            problem = "names no server";
            return false;
        }

        if (parts.Count < 2 || parts[0].Length == 0)
        {
            problem = "names no share and file; use smb://server/share/dir/file or \\\\server\\share\\dir\\file";
            return false;
        }

        foreach (var segment in parts)
        {
            if (Problem(segment) is { } segmentProblem)
            {
                problem = segmentProblem;
                return false;
            }
        }

        location = new SmbLocation(host.ToLowerInvariant(), port, parts[0], [.. parts.Skip(1)]);
        problem = null;
        return true;
    }

    private static string? Problem(string segment)
    {
        if (segment.Length == 0)
        {
            return "has an empty path segment (a doubled or trailing separator); name a file";
        }

        if (segment is "." or "..")
        {
            return $"has a '{segment}' segment; SMB paths must not leave the directory they name";
        }

        // Windows drops a trailing dot or space and would open another name than the one checked here.
        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return $"has the segment '{segment}', which ends in a dot or a space; Windows would open another name";
        }

        if (segment.AsSpan().IndexOfAny(s_forbidden) >= 0 || segment.Any(char.IsControl))
        {
            return $"has the segment '{segment}', which holds a separator, ':', a wildcard or a control character";
        }

        return null;
    }
}
