using System.Globalization;

namespace Orleans.Transfer;

/// <summary>
/// Rates as people write them, like curl's <c>--limit-rate</c> and rclone's <c>--bwlimit</c>: bytes per second with
/// an optional K, M, G or T suffix (1024-based, case-insensitive, optional trailing B or iB), <c>off</c> (or <c>none</c>) for unlimited
/// and <c>0</c> for blocked.
/// </summary>
public static class TransferRate
{
    /// <summary>Parses <paramref name="text"/>; null means unlimited.</summary>
    /// <param name="text">For example <c>512k</c>, <c>10M</c>, <c>1.5G</c>, <c>65536</c>, <c>off</c> or <c>0</c>.</param>
    /// <exception cref="FormatException">The text is not a rate.</exception>
    public static long? Parse(string text) =>
        TryParse(text, out var rate) ? rate : throw new FormatException(
            $"'{text}' is not a rate; use bytes per second with an optional K, M or G suffix (1024-based), 'off' or 0.");

    /// <summary>Tries to parse <paramref name="text"/>; <paramref name="bytesPerSecond"/> null means unlimited.</summary>
    public static bool TryParse(string? text, out long? bytesPerSecond)
    {
        bytesPerSecond = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase)
            || value.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.EndsWith("iB", StringComparison.OrdinalIgnoreCase) && value.Length > 2 && char.IsLetter(value[^3]))
        {
            value = value[..^2];
        }
        else if (value.EndsWith('B') || value.EndsWith('b'))
        {
            value = value[..^1];
        }

        var multiplier = value.Length == 0 ? 0 : char.ToUpperInvariant(value[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        var number = multiplier <= 1 ? value : value[..^1];
        if (multiplier == 0
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount * multiplier > long.MaxValue)
        {
            return false;
        }

        bytesPerSecond = (long)Math.Round(amount * multiplier, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>Formats a rate the way <see cref="Parse"/> reads it, with the largest exact suffix.</summary>
    public static string Format(long? bytesPerSecond) => bytesPerSecond switch
    {
        null => "off",
        0 => "0",
        { } b when b % (1L << 30) == 0 => $"{b >> 30}G",
        { } b when b % (1L << 20) == 0 => $"{b >> 20}M",
        { } b when b % (1L << 10) == 0 => $"{b >> 10}k",
        { } b => b.ToString(CultureInfo.InvariantCulture),
    };
}
