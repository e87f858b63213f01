using System.Buffers;
using System.Text;
using System.Text.Json;
using Orleans.Transfer.Cli.Output.Json;

namespace Orleans.Transfer.Cli.Output;

/// <summary>
/// Shows a job's progress: one redrawn bar on a terminal; plain, rate-limited lines otherwise (logs and pipes should
/// not fill up with carriage returns or a line every half second); JSON lines for scripts; or nothing.
/// </summary>
internal sealed class ProgressView(TextWriter writer, ProgressMode mode, TimeProvider time)
{
    /// <summary>The most often plain lines are written, state changes aside.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private readonly ProgressTracker _tracker = new(time);
    private int _lastLength;
    private JobState? _lastState;
    private long _lastLineAt;

    /// <summary>The view <c>--quiet</c> and <c>--format</c> ask for: JSON on stdout, people's progress on stderr.</summary>
    public static ProgressView For(CliContext context, bool quiet, ProgressFormat format) =>
        (quiet, format) switch
        {
            (true, _) => new ProgressView(context.Error, ProgressMode.Quiet, context.Time),
            (_, ProgressFormat.Json) => new ProgressView(context.Out, ProgressMode.Json, context.Time),
            _ => new ProgressView(context.Error, context.ErrorIsTerminal ? ProgressMode.Bar : ProgressMode.Lines, context.Time),
        };

    public void Show(JobEvent jobEvent)
    {
        var snapshot = _tracker.Next(jobEvent);
        switch (mode)
        {
            case ProgressMode.Bar:
                Redraw(ProgressLine.WithBar(snapshot));
                break;
            case ProgressMode.Lines when ShouldWriteLine(snapshot.State):
                writer.WriteLine(ProgressLine.Plain(snapshot));
                break;
            case ProgressMode.Json:
                writer.WriteLine(ToJsonLine(ProgressEventJson.From(snapshot)));
                break;
        }

        _lastState = snapshot.State;
    }

    /// <summary>Ends the redrawn line so later messages start on their own line.</summary>
    public void Finish()
    {
        if (mode == ProgressMode.Bar && _lastLength > 0)
        {
            writer.WriteLine();
            _lastLength = 0;
        }
    }

    private void Redraw(string line)
    {
        // Pad over what the previous, possibly longer, line left behind.
        writer.Write('\r' + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    private bool ShouldWriteLine(JobState state)
    {
        var now = time.GetTimestamp();
        if (state != _lastState || time.GetElapsedTime(_lastLineAt, now) >= LineInterval)
        {
            _lastLineAt = now;
            return true;
        }

        return false;
    }

    private static string ToJsonLine(ProgressEventJson value)
    {
        // The context writes indented JSON for people; a JSON-lines stream needs each object on one line.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            JsonSerializer.Serialize(json, value, XferJsonContext.Default.ProgressEventJson);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
