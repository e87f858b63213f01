using System.Text;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// The only expansion applied to notify command arguments: <c>%id%</c>, <c>%state%</c>, <c>%event%</c>, <c>%name%</c>
/// (case-insensitive) and <c>%%</c> for '%'. Any other '%' is kept as is. Each argument is expanded on its own, so a
/// value with spaces or quotes never splits or merges arguments.
/// </summary>
internal static class CommandPlaceholders
{
    private static readonly (string Token, Func<JobNotification, string> Read)[] s_placeholders =
    [
        ("%id%", n => n.JobId.ToString("D")),
        ("%state%", n => n.Job.State.ToString()),
        ("%event%", n => n.Event.ToString()),
        ("%name%", n => n.Job.DisplayName),
    ];

    public static string Expand(string argument, JobNotification notification)
    {
        if (!argument.Contains('%', StringComparison.Ordinal))
        {
            return argument;
        }

        var result = new StringBuilder(argument.Length + 64);
        var rest = argument.AsSpan();
        while (!rest.IsEmpty)
        {
            var percent = rest.IndexOf('%');
            if (percent < 0)
            {
                result.Append(rest);
                break;
            }

            result.Append(rest[..percent]);
            rest = rest[percent..];
            if (rest.StartsWith("%%"))
            {
                result.Append('%');
                rest = rest[2..];
            }
            else if (TryMatch(rest, out var length, out var value, notification))
            {
                result.Append(value);
                rest = rest[length..];
            }
            else
            {
                result.Append('%');
                rest = rest[1..];
            }
        }

        return result.ToString();
    }

    private static bool TryMatch(ReadOnlySpan<char> text, out int length, out string value, JobNotification notification)
    {
        foreach (var (token, read) in s_placeholders)
        {
            if (text.StartsWith(token, StringComparison.OrdinalIgnoreCase))
            {
                length = token.Length;
                value = read(notification);
                return true;
            }
        }

        length = 0;
        value = string.Empty;
        return false;
    }
}
