using System.Globalization;

namespace Orleans.Transfer.Cli.Output;

/// <summary>Human renderings of sizes, rates, durations and times.</summary>
internal static class Formats
{
    // Binary prefixes, labelled as such (curl and rclone do the same): a MiB is 1024 KiB, never an "MB".
    private static readonly string[] s_units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>A size in bytes with a binary unit and one decimal: <c>512 B</c>, <c>286.1 MiB</c>.</summary>
    public static string Bytes(long bytes) => Scaled(bytes);

    /// <summary>A measured transfer rate: <c>12.3 MiB/s</c>; <c>--</c> when unknown.</summary>
    public static string Speed(double? bytesPerSecond) =>
        bytesPerSecond is { } rate ? Scaled(Math.Max(0, rate)) + "/s" : "--";

    /// <summary>A remaining time the way download tools print it: <c>42s</c>, <c>1m05s</c>, <c>2h03m</c>, <c>3d04h</c>; <c>--</c> when unknown.</summary>
    public static string Eta(TimeSpan? remaining)
    {
        if (remaining is not { } time)
        {
            return "--";
        }

        // Rounded up, so a transfer with bytes left never claims 0s.
        var seconds = (long)Math.Ceiling(Math.Max(0, time.TotalSeconds));
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60:00}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h{seconds / 60 % 60:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400}d{seconds / 3600 % 24:00}h"),
        };
    }

    public static string Progress(JobProgress progress) =>
        progress.BytesTotal is { } total
            ? $"{Bytes(progress.BytesTransferred)}/{Bytes(total)}"
            : $"{Bytes(progress.BytesTransferred)}/?";

    public static string Files(JobProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.FilesTransferred}/{progress.FilesTotal}");

    /// <summary>Rounded down, so 100% means done.</summary>
    public static string Percent(JobProgress progress) =>
        progress.BytesTotal is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(100.0 * progress.BytesTransferred / total):0}%")
            : "?%";

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Rate(long bytesPerSecond) => $"{TransferRate.Format(bytesPerSecond)}/s";

    public static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0} s");

    private static string Scaled(double value)
    {
        var unit = 0;

        // 1023.96 KiB would print as "1024.0 KiB": such values move up a unit too.
        while (value >= (unit == 0 ? 1024 : 1023.95) && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        // Whole bytes need no decimal; above that, one decimal as in "286.1 MiB".
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(value):0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {s_units[unit]}");
    }
}
