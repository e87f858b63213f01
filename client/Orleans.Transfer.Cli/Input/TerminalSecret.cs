using System.Text;

namespace Orleans.Transfer.Cli.Input;

/// <summary>Reads a line from the console without echoing it, as sudo and ssh ask for passwords.</summary>
internal static class TerminalSecret
{
    /// <param name="prompt">Written to <paramref name="error"/> first.</param>
    /// <param name="error">Where the prompt goes (stderr, so stdout stays data).</param>
    /// <returns>The line typed, or null when input ended before Enter.</returns>
    public static string? Read(TextWriter error, string prompt)
    {
        error.Write(prompt);
        error.Flush();
        var line = new StringBuilder();
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        return line.ToString();
                    case ConsoleKey.Backspace when line.Length > 0:
                        line.Length--;
                        break;
                    case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                        return line.Length > 0 ? line.ToString() : null;
                    default:
                        if (!char.IsControl(key.KeyChar))
                        {
                            line.Append(key.KeyChar);
                        }

                        break;
                }
            }
        }
        finally
        {
            // The Enter was not echoed either.
            error.WriteLine();
        }
    }
}
