using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job add-file &lt;id&gt; &lt;url&gt; &lt;path&gt; [--range offset:length]... [--sha256 hex|--sha512 hex]</c>.</summary>
internal sealed class JobAddFileCommand : Command
{
    public JobAddFileCommand(CliContext context)
        : base("add-file", "Adds a file to a job.")
    {
        var id = CliSymbols.JobId();
        var url = new Argument<string>("url")
        {
            Description = "The source: an absolute http, https, file or smb URL, a \\\\server\\share\\path, or an absolute path; "
                + "for an upload job, its destination (http, https, smb or \\\\server\\share\\path).",
        };
        var path = new Argument<string>("path") { Description = "Destination file (made absolute); an existing directory keeps the source's name. For an upload job (one file only), the file to send." };
        var ranges = CliSymbols.Ranges();
        var digest = new DigestOptions();
        Add(id);
        Add(url);
        Add(path);
        Add(ranges);
        digest.AddTo(this);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var file = FileArguments.ToFileSpec(parseResult.GetValue(url)!, parseResult.GetValue(path)!, parseResult.GetValue(ranges))
                with { Digest = digest.Digest(parseResult) };
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.AddFilesAsync(parseResult.GetValue(id), [file], cancellationToken);
            context.Error.WriteLine($"job {job.Id}: added {TerminalText.Safe(file.LocalPath)} ({job.Files.Count} file(s))");
            return ExitCodes.Success;
        });
    }
}
