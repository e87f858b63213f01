using System.Globalization;

namespace Orleans.Transfer.Cli.Input;

/// <summary>Parses option values the way the CLI documents them.</summary>
internal static class ValueParsers
{
    private const JobEventKind AllEvents =
        JobEventKind.JobTransferred | JobEventKind.JobError | JobEventKind.JobModification | JobEventKind.FileTransferred;

    /// <summary>Priority names, case-insensitive; numbers are refused so scripts stay readable.</summary>
    public static bool TryParsePriority(string text, out JobPriority priority) =>
        Enum.TryParse(text, ignoreCase: true, out priority)
        && Enum.IsDefined(priority)
        && !char.IsAsciiDigit(text.TrimStart('-', '+').FirstOrDefault());

    /// <summary>Job type names as the CLI spells them (download, upload, upload-reply), case-insensitive.</summary>
    public static bool TryParseJobType(string text, out JobType type)
    {
        JobType? parsed = text.ToUpperInvariant() switch
        {
            "DOWNLOAD" => JobType.Download,
            "UPLOAD" => JobType.Upload,
            "UPLOAD-REPLY" => JobType.UploadReply,
            _ => null,
        };
        type = parsed ?? JobType.Download;
        return parsed is not null;
    }

    /// <summary>Parses <c>offset:length</c>, where length may be <c>eof</c> (to the end of the file).</summary>
    public static bool TryParseRange(string text, out ByteRange? range)
    {
        range = null;
        var parts = text.Split(':');
        if (parts.Length != 2 || !TryParseCount(parts[0], out var offset))
        {
            return false;
        }

        if (string.Equals(parts[1], "eof", StringComparison.OrdinalIgnoreCase))
        {
            range = new ByteRange(offset, null);
            return true;
        }

        if (!TryParseCount(parts[1], out var length) || length == 0)
        {
            return false;
        }

        range = new ByteRange(offset, length);
        return true;
    }

    /// <summary>Parses a whole number of seconds, zero or more.</summary>
    public static bool TryParseSeconds(string text, out TimeSpan duration)
    {
        duration = default;
        if (!TryParseCount(text, out var seconds) || seconds > (long)TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>
    /// Parses notify flags: a comma-separated list of <c>transferred</c>, <c>error</c>, <c>modification</c>,
    /// <c>file</c> (case-insensitive), or a number combining 1, 2, 4 and 8.
    /// </summary>
    public static bool TryParseEventFlags(string text, out JobEventKind flags)
    {
        flags = JobEventKind.None;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            flags = (JobEventKind)number;
            return (flags & ~AllEvents) == 0;
        }

        foreach (var name in text.Split(','))
        {
            JobEventKind? flag = name.Trim().ToUpperInvariant() switch
            {
                "TRANSFERRED" => JobEventKind.JobTransferred,
                "ERROR" => JobEventKind.JobError,
                "MODIFICATION" => JobEventKind.JobModification,
                "FILE" => JobEventKind.FileTransferred,
                _ => null,
            };
            if (flag is null)
            {
                return false;
            }

            flags |= flag.Value;
        }

        return true;
    }

    private static bool TryParseCount(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
