using System.Text;

namespace Orleans.Transfer.Uploads.Files;

/// <summary>
/// Turns a request's raw target into a destination below a virtual directory's root, or says why not. Works on the
/// raw target, before any decoding or dot-segment removal, so an encoded separator or dot is seen as sent. A name is
/// refused when it could mean something other than one plain file name on Linux or Windows: '.' and '..', encoded
/// or raw separators (<c>%2f</c>, <c>%5c</c>, '\'), control characters, ':' (alternate data streams, drive letters),
/// Windows device names with any extension, trailing dots or spaces, a leading '.' (the server's own partial and reply
/// files start with one), and names longer than 255 bytes.
/// </summary>
internal static class UploadPath
{
    public const int MaxNameBytes = 255;
    public const int MaxPathChars = 1024;

    private static readonly HashSet<string> s_deviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>The raw path's segments after the first <paramref name="skip"/> ones, still percent-encoded.</summary>
    public static IReadOnlyList<string>? Remainder(string rawTarget, int skip)
    {
        var query = rawTarget.IndexOfAny(['?', '#']);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var segments = path[1..].Split('/');
        return segments.Length < skip ? null : segments[skip..];
    }

    /// <summary>
    /// The '/'-joined relative destination of <paramref name="encodedSegments"/>, or null with
    /// <paramref name="refusal"/> saying which name was refused and why; an empty remainder (the directory itself)
    /// gives null and no refusal.
    /// </summary>
    public static string? TryMap(IReadOnlyList<string> encodedSegments, out string? refusal)
    {
        refusal = null;
        if (encodedSegments.Count == 0 || (encodedSegments.Count == 1 && encodedSegments[0].Length == 0))
        {
            return null;
        }

        var names = new List<string>(encodedSegments.Count);
        foreach (var encoded in encodedSegments)
        {
            if (encoded.Contains("%2f", StringComparison.OrdinalIgnoreCase)
                || encoded.Contains("%5c", StringComparison.OrdinalIgnoreCase))
            {
                refusal = "a name contains an encoded '/' or '\\'";
                return null;
            }

            string name;
            try
            {
                name = Uri.UnescapeDataString(encoded);
            }
            catch (UriFormatException)
            {
                refusal = "a name is not valid percent-encoding";
                return null;
            }

            refusal = Refusal(name);
            if (refusal is not null)
            {
                return null;
            }

            names.Add(name);
        }

        var relative = string.Join('/', names);
        if (relative.Length > MaxPathChars)
        {
            refusal = $"the path is longer than {MaxPathChars} characters";
            return null;
        }

        return relative;
    }

    /// <summary>Why <paramref name="name"/> (one decoded path segment) is not a plain file name, or null.</summary>
    public static string? Refusal(string name)
    {
        if (name.Length == 0)
        {
            return "a name is empty (a doubled or trailing '/')";
        }

        if (name is "." or "..")
        {
            return "'.' and '..' are refused";
        }

        if (name.StartsWith('.'))
        {
            return "names starting with '.' are reserved for the server's partial and reply files";
        }

        if (name.EndsWith('.') || name.EndsWith(' '))
        {
            return "a name ends with a dot or a space, which Windows drops";
        }

        foreach (var c in name)
        {
            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c))
            {
                return "a name contains a separator, ':', a wildcard or a control character";
            }
        }

        var stem = name.Split('.')[0].TrimEnd(' ');
        if (s_deviceNames.Contains(stem))
        {
            return "a name is a Windows device name";
        }

        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? $"a name is longer than {MaxNameBytes} bytes" : null;
    }
}
