using System.Globalization;
using System.Text;

namespace Orleans.Transfer.Cli.Output;

/// <summary>
/// Makes text from the service safe to print on a terminal. Names, descriptions, URLs, paths, owners and error
/// messages come from other users or remote servers (an HTTP reason phrase, a job name): a raw ESC, CSI or other
/// control character could move the cursor, rewrite earlier lines, set the window title or hide text. Each C0 and C1
/// control, DEL and the Unicode bidirectional overrides is shown escaped (<c>\x1b</c>, <c>\u202e</c>) instead, so
/// nothing is lost and nothing acts. JSON output needs none of this: its encoder escapes controls already.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
            }
            else if (c <= '\u00ff')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return builder.ToString();
    }

    // char.IsControl is C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F). The bidi embeddings, overrides and isolates
    // reorder what follows them, so a name could display as something it is not.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}
