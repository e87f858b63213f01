using System.Globalization;

namespace Orleans.Transfer.Cli.Output;

/// <summary>The human progress line, laid out like curl's and wget's: state, bar, percent, bytes, rate, ETA.</summary>
internal static class ProgressLine
{
    private const int BarWidth = 20;

    /// <summary><c>Transferring [########............]  42%  120.0 MiB/286.1 MiB  12.3 MiB/s  ETA 13s  files 1/2</c>.</summary>
    public static string WithBar(ProgressSnapshot snapshot)
    {
        var filled = snapshot.Progress.BytesTotal is > 0 and var total
            ? (int)(BarWidth * Math.Min(1.0, (double)snapshot.Progress.BytesTransferred / total))
            : 0;
        return $"{snapshot.State,-12} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {Details(snapshot)}";
    }

    /// <summary>The same without the bar, for logs and pipes.</summary>
    public static string Plain(ProgressSnapshot snapshot) => $"{snapshot.State,-12} {Details(snapshot)}";

    private static string Details(ProgressSnapshot snapshot)
    {
        var line = $"{Formats.Percent(snapshot.Progress),4}  {Formats.Progress(snapshot.Progress)}";

        // A job past its transfer has no rate or time left worth showing, settled or not: the state alone says it.
        if (!snapshot.State.IsSettled())
        {
            line += $"  {Formats.Speed(snapshot.BytesPerSecond)}  ETA {Formats.Eta(snapshot.Eta)}";
        }

        return snapshot.Progress.FilesTotal > 1
            ? line + string.Create(CultureInfo.InvariantCulture, $"  files {Formats.Files(snapshot.Progress)}")
            : line;
    }
}
