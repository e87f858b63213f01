using System.CommandLine;
using System.Text.Json;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Cli.Output.Json;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job reply &lt;id&gt; [--output &lt;path&gt;] [--force]</c> (BITS GetReplyData): an upload-reply job's reply, its raw
/// bytes on stdout or in a new file only the caller may read; with <c>--format json</c>, one object with the bytes in base64.
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
        var format = new Option<OutputFormat>("--format")
        {
            Description = "Output format: raw (the reply's bytes) or json (its path, sizes and bytes in base64, on stdout).",
            HelpName = "raw|json",
            CustomParser = result => ParseFormat(result, result.Tokens[0].Value),
        };
        Add(id);
        Add(output);
        Add(force);
        Add(format);
        Validators.Add(result =>
        {
            if (result.GetValue(force) && result.GetValue(output) is null)
            {
                result.AddError("--force: only replaces an --output file; give --output.");
            }
        });

        SetAction(async (parseResult, cancellationToken) =>
        {
            // Here, not in a validator: a validator reading a --format that failed to parse would throw.
            if (parseResult.GetValue(format) == OutputFormat.Json && parseResult.GetValue(output) is not null)
            {
                throw new UsageException("--format json writes to standard output; leave out --output (or --format).");
            }

            var path = parseResult.GetValue(output) is { } text ? OutputPath(text, parseResult.GetValue(force)) : null;
            var client = await context.ConnectAsync(cancellationToken);
            var reply = await client.GetReplyAsync(parseResult.GetValue(id), cancellationToken);
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                context.Out.WriteLine(JsonSerializer.Serialize(JobReplyJson.From(parseResult.GetValue(id), reply), XferJsonContext.Default.JobReplyJson));
                return ExitCodes.Success;
            }

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

    // "raw" is the table format's name here: what a reply is without JSON.
    private static OutputFormat ParseFormat(System.CommandLine.Parsing.ArgumentResult result, string text)
    {
        if (string.Equals(text, "raw", StringComparison.OrdinalIgnoreCase))
        {
            return OutputFormat.Table;
        }

        if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
        {
            return OutputFormat.Json;
        }

        result.AddError($"--format: '{text}' is not a format (expected raw or json).");
        return OutputFormat.Table;
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
