namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// The <c>-i</c> input file of <c>xfer transfer</c> and <c>xfer job add-file</c> (bitsadmin <c>/AddFileSet</c>,
/// <c>wget -i</c>): one file a line, <c>remote [local [digest]]</c>, separated by spaces or tabs, a field with spaces in
/// double quotes; a line whose first character is <c>#</c> is a comment, blank lines are skipped. A remote alone is saved
/// under its own name in the list's directory, as <c>wget -i</c> and <c>aria2c -i</c> save it. The digest is 64 hex
/// digits (SHA-256), 128 (SHA-512), or either prefixed <c>sha256:</c>/<c>sha512:</c>. The whole list is checked before
/// anything is sent, so one bad line adds no file; every bad line is reported as <c>FILE:LINE: what (what to do)</c>.
/// </summary>
internal static class FileList
{
    /// <summary>The name of standard input in messages.</summary>
    public const string StandardInputName = "stdin";

    private const string LineShape = "a line is 'remote [local [digest]]'";

    /// <summary>Bad lines reported before the rest are only counted: the first few are enough to see what is wrong.</summary>
    private const int MaxReported = 10;

    /// <summary>Reads and checks the list named by <c>-i</c>.</summary>
    /// <param name="source">The list's path, or <c>-</c> for standard input.</param>
    /// <param name="context">Where standard input is.</param>
    /// <param name="directory">What relative local paths are relative to; null for the current directory.</param>
    /// <exception cref="UsageException">The list cannot be read, is empty, or has bad lines (each named).</exception>
    public static List<FileSpec> Read(string source, CliContext context, string? directory)
    {
        if (source == "-")
        {
            return Parse(StandardInputName, context.In.ReadToEnd(), directory);
        }

        string text;
        try
        {
            text = File.ReadAllText(source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"-i: cannot read '{source}': {ex.Message} (give a readable file, or - for standard input)");
        }

        return Parse(source, text, directory);
    }

    /// <summary>Checks every line of <paramref name="text"/> and turns it into file specs.</summary>
    /// <param name="name">The list's name for messages.</param>
    /// <param name="text">The list.</param>
    /// <param name="directory">What relative local paths are relative to; null for the current directory.</param>
    /// <exception cref="UsageException">The list is empty or has bad lines.</exception>
    public static List<FileSpec> Parse(string name, string text, string? directory)
    {
        var files = new List<FileSpec>();
        var problems = new List<string>();
        var bad = 0;
        using var reader = new StringReader(text);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            try
            {
                files.Add(ToFileSpec(Fields(line), directory));
            }
            catch (UsageException ex)
            {
                if (++bad <= MaxReported)
                {
                    problems.Add($"{name}:{number}: {ex.Message}");
                }
            }
        }

        if (bad > MaxReported)
        {
            problems.Add($"{name}: {bad - MaxReported} more bad line(s) not shown (fix the lines above and run again)");
        }

        if (problems.Count > 0)
        {
            throw new UsageException(problems);
        }

        return files.Count > 0
            ? files
            : throw new UsageException($"{name}: no files in it (put one file a line: 'remote [local [digest]]')");
    }

    private static FileSpec ToFileSpec(List<string> fields, string? directory)
    {
        if (fields.Count > 3)
        {
            throw new UsageException($"{fields.Count} fields, and {LineShape} (quote a field that holds spaces: \"my file.bin\")");
        }

        var remote = fields[0];
        if (remote.Length == 0)
        {
            throw new UsageException("the remote is empty (give an http, https, file or smb URL, a \\\\server\\share path or an absolute path)");
        }

        if (fields.Count == 1 && string.IsNullOrEmpty(FileArguments.SourceName(remote)))
        {
            throw new UsageException($"'{remote}' names no file to save it as (give the local path after the remote)");
        }

        // A remote alone keeps its own name, in the directory: its local path is that directory.
        var local = fields.Count == 1 ? "." + Path.DirectorySeparatorChar : fields[1];
        if (local.Length == 0)
        {
            throw new UsageException("the local path is empty (give the destination file, or a directory ending in /)");
        }

        var digest = fields.Count == 3 ? Digest(fields[2]) : null;
        try
        {
            return FileArguments.ToFileSpec(remote, directory is null ? local : Path.Combine(directory, local)) with { Digest = digest };
        }
        catch (ArgumentException ex)
        {
            // Path.GetFullPath refuses a NUL, which a command line cannot hold but a file can.
            throw new UsageException($"the local path '{local}' is not a path: {ex.Message} (give a file name without control characters)");
        }
    }

    /// <summary>The third column: the algorithm from its prefix, else from the length (128 digits are SHA-512).</summary>
    private static ContentDigest Digest(string text)
    {
        const string Todo = "(give 64 hex digits for SHA-256 or 128 for SHA-512, optionally prefixed sha256: or sha512:)";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        DigestAlgorithm? algorithm = colon < 0
            ? text.Length == 2 * ContentDigest.ByteLength(DigestAlgorithm.Sha512) ? DigestAlgorithm.Sha512 : DigestAlgorithm.Sha256
            : text[..colon].ToUpperInvariant() switch
            {
                "SHA256" or "SHA-256" => DigestAlgorithm.Sha256,
                "SHA512" or "SHA-512" => DigestAlgorithm.Sha512,
                _ => null,
            };
        if (algorithm is null)
        {
            throw new UsageException($"digest: '{text[..colon]}' is not a digest algorithm {Todo}");
        }

        return DigestOptions.TryCreate(algorithm.Value, text[(colon + 1)..], out var problem)
            ?? throw new UsageException($"digest: {problem!.TrimEnd('.')} {Todo}");
    }

    /// <summary>Splits a line at spaces and tabs; a field that starts with a double quote runs to the next one.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return fields;
            }

            int end;
            if (line[i] == '"')
            {
                end = line.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new UsageException($"field {fields.Count + 1} opens a double quote that is not closed (end the field with \")");
                }

                if (end + 1 < line.Length && !IsSeparator(line[end + 1]))
                {
                    throw new UsageException($"field {fields.Count + 1} goes on after its closing quote (put the whole field in the quotes)");
                }

                fields.Add(line[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            end = i;
            while (end < line.Length && !IsSeparator(line[end]))
            {
                end++;
            }

            var field = line[i..end];
            if (field.Contains('"', StringComparison.Ordinal))
            {
                throw new UsageException($"field {fields.Count + 1} has a double quote inside it (quote the whole field: \"...\")");
            }

            fields.Add(field);
            i = end;
        }
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t';
}
