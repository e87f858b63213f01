using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job reply &lt;id&gt; [--output &lt;path&gt;] [--force]</c> (BITS GetReplyData): an upload-reply job's reply, its raw
/// bytes on stdout or in a new file only the caller may read.
/// </summary>
internal sealed class JobReplyCommand : Command
{
    public JobReplyCommand(CliContext context)
        : base("reply", "Writes an upload-reply job's reply (up to 1 MiB) to standard output or a file.")
    {
        var id = CliSymbols.JobId();
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Writes the reply to this new file (mode 0600 on Unix) instead of standard output.",
            HelpName = "path",
        };
        var force = new Option<bool>("--force") { Description = "Replaces the --output file if it exists." };
        Add(id);
        Add(output);
        Add(force);
        Validators.Add(result =>
        {
            if (result.GetValue(force) && result.GetValue(output) is null)
            {
                result.AddError("--force: only replaces an --output file; give --output.");
            }
        });

        SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(output) is { } text ? OutputPath(text, parseResult.GetValue(force)) : null;
            var client = await context.ConnectAsync(cancellationToken);
            var reply = await client.GetReplyAsync(parseResult.GetValue(id), cancellationToken);
            if (path is null)
            {
                context.Out.Flush();
                var stdout = context.OpenRawOut();
                await stdout.WriteAsync(reply.Data, cancellationToken);
                await stdout.FlushAsync(cancellationToken);
                return ExitCodes.Success;
            }

            await (parseResult.GetValue(force)
                ? PrivateFile.ReplaceAsync(path, reply.Data, "--output", cancellationToken)
                : PrivateFile.CreateAsync(path, reply.Data, "--output", cancellationToken));
            context.Error.WriteLine($"job {parseResult.GetValue(id)}: reply ({Formats.Bytes(reply.Data.Length)}) written to {TerminalText.Safe(path)}");
            return ExitCodes.Success;
        });
    }

    private static string OutputPath(string text, bool force)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--output: the path is empty.");
        }

        var path = Path.GetFullPath(text);
        if (Directory.Exists(path))
        {
            throw new UsageException($"--output: '{text}' is a directory; give a file name.");
        }

        // Checked again when the file is created; this only saves asking the service for nothing.
        return !force && File.Exists(path)
            ? throw new UsageException($"--output: '{text}' exists; add --force to replace it.")
            : path;
    }
}
