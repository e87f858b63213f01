namespace Orleans.Transfer.Cli.Output;

/// <summary>
/// Shows a job's progress on the error stream: one redrawn bar on a terminal, plain lines otherwise (logs and pipes
/// should not fill up with carriage returns).
/// </summary>
internal sealed class ProgressView(TextWriter writer, bool interactive)
{
    private const int BarWidth = 30;
    private int _lastLength;

    public void Show(JobState state, JobProgress progress)
    {
        var line = $"{state,-12} {Formats.Progress(progress)}  files {Formats.Files(progress)}";
        if (!interactive)
        {
            writer.WriteLine(line);
            return;
        }

        var filled = progress.BytesTotal is > 0 and var total
            ? (int)(BarWidth * Math.Min(1.0, (double)progress.BytesTransferred / total))
            : 0;
        var bar = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Formats.Percent(progress),4} {line}";

        // Pad over what the previous, possibly longer, line left behind.
        writer.Write('\r' + bar.PadRight(_lastLength));
        _lastLength = bar.Length;
    }

    /// <summary>Ends the redrawn line so later messages start on their own line.</summary>
    public void Finish()
    {
        if (interactive && _lastLength > 0)
        {
            writer.WriteLine();
            _lastLength = 0;
        }
    }
}
