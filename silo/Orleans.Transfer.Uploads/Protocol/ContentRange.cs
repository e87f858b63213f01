using System.Globalization;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// A fragment's <c>Content-Range: bytes first-last/total</c>; an empty file's fragment is <c>bytes */0</c> or
/// <c>bytes 0--1/0</c> (digest §11), parsed as first 0, last -1, total 0.
/// </summary>
internal readonly record struct ContentRange(long First, long Last, long Total)
{
    public long Length => Last - First + 1;

    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        if (!text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        text = text[6..].Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryNumber(text[(slash + 1)..], out var total))
        {
            return false;
        }

        var span = text[..slash];
        if (span is "*" or "0--1")
        {
            range = new ContentRange(0, -1, total);
            return total == 0;
        }

        var dash = span.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !TryNumber(span[..dash], out var first) || !TryNumber(span[(dash + 1)..], out var last))
        {
            return false;
        }

        range = new ContentRange(first, last, total);
        return first <= last && last < total;
    }

    private static bool TryNumber(string text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
