using System.Text;

namespace Orleans.Transfer.Notifications;

/// <summary>Reads a child process's stdout or stderr to the end, keeping only its head for the delivery detail.</summary>
internal static class ProcessOutput
{
    /// <summary>Characters kept per stream.</summary>
    public const int MaxCapturedChars = 4096;

    /// <summary>
    /// Keeps reading after the head is full, because a child blocked on a full pipe would never exit. Stops at end of
    /// stream, on <paramref name="cancellationToken"/> (a grandchild may hold the pipe open), or on a broken pipe.
    /// </summary>
    public static async Task<string> ReadHeadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new char[1024];
        var truncated = false;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                var keep = Math.Min(read, MaxCapturedChars - head.Length);
                head.Append(buffer, 0, keep);
                truncated |= keep < read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            truncated = true;
        }

        var text = head.ToString().Trim();
        return truncated && text.Length > 0 ? text + "…" : text;
    }
}
