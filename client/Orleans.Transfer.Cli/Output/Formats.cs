using System.Globalization;

namespace Orleans.Transfer.Cli.Output;

/// <summary>Human renderings of sizes, progress and times.</summary>
internal static class Formats
{
    private static readonly string[] s_units = ["B", "KB", "MB", "GB", "TB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {s_units[unit]}");
    }

    public static string Progress(JobProgress progress) =>
        progress.BytesTotal is { } total
            ? $"{Bytes(progress.BytesTransferred)}/{Bytes(total)}"
            : $"{Bytes(progress.BytesTransferred)}/?";

    public static string Files(JobProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.FilesTransferred}/{progress.FilesTotal}");

    public static string Percent(JobProgress progress) =>
        progress.BytesTotal is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * progress.BytesTransferred / total:0}%")
            : "?%";

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Rate(long bytesPerSecond) => $"{TransferRate.Format(bytesPerSecond)}/s";

    public static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0} s");
}
