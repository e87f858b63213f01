namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Reads passwords, never from the command line (other users see a process's arguments, and shells keep them in their
/// history): one line of standard input, or a file. Messages about them never quote what was read.
/// </summary>
internal static class SecretInput
{
    /// <summary>
    /// One line of standard input with its line end stripped; when standard input is a terminal, asks on stderr and
    /// reads without echo.
    /// </summary>
    /// <param name="context">Where standard input and the prompt are.</param>
    /// <param name="what">What is read, for the prompt and messages, e.g. "password for alice".</param>
    /// <exception cref="UsageException">Standard input is empty.</exception>
    public static string ReadLine(CliContext context, string what)
    {
        var secret = context.InputIsTerminal ? TerminalSecret.Read(context.Error, $"{Capitalized(what)}: ") : context.In.ReadLine();
        if (string.IsNullOrEmpty(secret))
        {
            throw new UsageException($"standard input held no {what}: pipe it in as one line, or use a file option where the command has one.");
        }

        return secret;
    }

    /// <summary>A file's text, without one trailing line end (as <c>echo secret &gt; file</c> writes it).</summary>
    /// <param name="path">The file.</param>
    /// <param name="option">The option that named it, for messages.</param>
    /// <exception cref="UsageException">The file cannot be read or is empty.</exception>
    public static string ReadFile(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option}: cannot read '{path}': {ex.Message}");
        }

        var secret = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return secret.Length > 0 ? secret : throw new UsageException($"{option}: '{path}' is empty.");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
