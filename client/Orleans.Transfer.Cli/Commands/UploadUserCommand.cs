using System.CommandLine;
using System.Text;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer upload-user &lt;user&gt; --file &lt;password-file&gt;</c>: adds or replaces a user of the upload server's password
/// file (<c>user:hash</c> lines, <see cref="UploadPasswordHash"/>). The password comes from standard input (asked for
/// without echo on a terminal), never the command line; the file is replaced atomically with mode 0600.
/// </summary>
internal sealed class UploadUserCommand : Command
{
    public UploadUserCommand(CliContext context)
        : base("upload-user", "Adds or replaces a user of an upload server's password file; the password is read from standard input.")
    {
        var user = new Argument<string>("user") { Description = "The user name: no ':' and no control characters." };
        var file = new Option<string>("--file")
        {
            Description = "The password file (user:hash lines), created if missing.",
            HelpName = "password-file",
            Required = true,
        };
        Add(user);
        Add(file);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var userName = CheckedUser(parseResult.GetValue(user)!);
            var path = Path.GetFullPath(parseResult.GetValue(file)!);
            var lines = ReadLines(path);
            var password = SecretInput.ReadLine(context, $"password for {userName}");
            var entry = $"{userName}:{UploadPasswordHash.Hash(password)}";

            var index = lines.FindIndex(line => line.StartsWith(userName + ":", StringComparison.Ordinal));
            if (index >= 0)
            {
                lines[index] = entry;
            }
            else
            {
                lines.Add(entry);
            }

            var text = string.Concat(lines.Select(line => line + "\n"));
            await PrivateFile.ReplaceAsync(path, Encoding.UTF8.GetBytes(text), "--file", cancellationToken);
            context.Error.WriteLine($"{(index >= 0 ? "replaced" : "added")} upload user {TerminalText.Safe(userName)} in {TerminalText.Safe(path)}");
            return ExitCodes.Success;
        });
    }

    private static string CheckedUser(string user)
    {
        if (user.Length == 0 || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsControl) || user.Trim() != user)
        {
            throw new UsageException(
                $"<user>: '{TerminalText.Safe(user)}' cannot be a user of the password file: it must be non-empty, without ':', control characters or surrounding spaces.");
        }

        return user;
    }

    private static List<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? [.. File.ReadAllLines(path)] : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file: cannot read '{path}': {ex.Message}");
        }
    }
}
