using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job add-file &lt;id&gt; &lt;url&gt; &lt;path&gt; [--range offset:length]... [--sha256 hex|--sha512 hex]</c>, or
/// <c>xfer job add-file &lt;id&gt; -i FILE</c> with the files from a list (<see cref="FileList"/>), added in one call
/// (bitsadmin <c>/AddFileSet</c>): all of them or, when the service refuses one, none.
/// </summary>
internal sealed class JobAddFileCommand : Command
{
    public JobAddFileCommand(CliContext context)
        : base("add-file", "Adds a file to a job, or every file of a list (-i).")
    {
        var id = CliSymbols.JobId();
        var url = new Argument<string?>("url")
        {
            Description = "The source: an absolute http, https, file or smb URL, a \\\\server\\share\\path, or an absolute path; "
                + "for an upload job, its destination (http, https, smb or \\\\server\\share\\path). Not with -i.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var path = new Argument<string?>("path")
        {
            Description = "Destination file (made absolute); an existing directory keeps the source's name. For an upload job (one file only), "
                + "the file to send. Not with -i.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var ranges = CliSymbols.Ranges();
        var input = CliSymbols.InputFile("Adds the files of this list instead of <url> <path>.");
        var digest = new DigestOptions();
        Add(id);
        Add(url);
        Add(path);
        Add(ranges);
        Add(input);
        digest.AddTo(this);
        digest.RejectWith(this, input);
        Validators.Add(result =>
        {
            if (result.GetResult(input) is not null && result.GetResult(ranges) is not null)
            {
                result.AddError("--range and -i cannot be combined: ranges are of one file, and a list line has none; add a ranged file on its own.");
            }
        });

        SetAction(async (parseResult, cancellationToken) =>
        {
            var list = parseResult.GetValue(input);
            List<FileSpec> files = list is null
                ? [OneFile(parseResult.GetValue(url), parseResult.GetValue(path), parseResult.GetValue(ranges)) with { Digest = digest.Digest(parseResult) }]
                : parseResult.GetValue(url) is null
                    ? FileList.Read(list, context, directory: null)
                    : throw new UsageException("<url> <path>: with -i the files come from the list; leave <url> and <path> out.");

            // One call: the service adds the whole set or, refusing one file, none (BITS AddFileSet).
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.AddFilesAsync(parseResult.GetValue(id), files, cancellationToken);
            var added = list is null
                ? TerminalText.Safe(files[0].LocalPath)
                : $"{files.Count} file(s) from {TerminalText.Safe(list == "-" ? FileList.StandardInputName : list)}";
            context.Error.WriteLine($"job {job.Id}: added {added} ({job.Files.Count} file(s))");
            return ExitCodes.Success;
        });
    }

    private static FileSpec OneFile(string? url, string? path, ByteRange[]? ranges) =>
        url is not null && path is not null
            ? FileArguments.ToFileSpec(url, path, ranges)
            : throw new UsageException("<url> <path>: give the source and the destination, or a list of files with -i FILE.");
}
