using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer transfer &lt;url&gt; &lt;dest&gt; [&lt;url&gt; &lt;dest&gt;...] [--quiet] [--format text|json] [--user] [--header]
/// [--proxy|--no-proxy] [--max-size] [--segments] [--cost-policy] [--sha256 hex|--sha512 hex]</c>, or <c>xfer transfer -i FILE [&lt;dir&gt;|--dir DIR]</c>
/// with the files from a list (<see cref="FileList"/>): create with the files, queued and completed by the service once
/// transferred, and wait, in one go.
/// </summary>
internal sealed class TransferCommand : Command
{
    private const string DefaultDisplayName = "xfer transfer";

    public TransferCommand(CliContext context)
        : base("transfer", "Downloads files in one job and waits until they are in place.")
    {
        var pairs = new Argument<string[]>("url dest")
        {
            Description = "Pairs of source (an absolute http, https, file or smb URL, a \\\\server\\share\\path, or an absolute path) "
                + "and destination path. With -i, at most one: the directory the list's relative local paths are in (default: the current one).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var input = CliSymbols.InputFile("Takes the files from this list instead of <url> <dest> pairs.");
        var dir = new Option<string?>("--dir", "-d")
        {
            Description = "With -i: the directory the list's relative local paths, and its remotes given alone, go into (default: the current one), as aria2c -d.",
            HelpName = "dir",
        };
        var name = new Option<string?>("--name") { Description = $"Display name of the job (default '{DefaultDisplayName}')." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        var maxRate = CliSymbols.MaxRate("Caps the job's bandwidth, e.g. 512k or 10M (1024-based); off (the default) for no cap.");
        var costPolicy = CliSymbols.CostPolicy(
            "When the job may transfer, by network cost: always, not-roaming, no-surcharge, standard, unrestricted or a mask; the service's default for its priority if not given.",
            allowDefault: false);
        var display = new OneShotDisplay();
        var http = new TransferHttpOptions();
        var digest = new DigestOptions();
        Add(pairs);
        Add(name);
        Add(priority);
        Add(maxRate);
        Add(costPolicy);
        Add(input);
        Add(dir);
        display.AddTo(this);
        http.AddTo(this);
        digest.AddTo(this);
        digest.RejectWith(this, input);
        Validators.Add(result =>
        {
            if (result.GetValue(dir) is not { } directory)
            {
                return;
            }

            if (result.GetResult(input) is null)
            {
                result.AddError("--dir: only with -i; a <url> <dest> pair names its destination itself.");
            }
            else if (result.GetValue(pairs) is [var positional])
            {
                result.AddError($"<dir> and --dir: the directory is given twice ('{positional}', '{directory}'); give it once.");
            }
        });

        SetAction((parseResult, cancellationToken) =>
        {
            var maxBytesPerSecond = parseResult.GetValue(maxRate) ?? 0;
            var values = parseResult.GetValue(pairs) ?? [];
            var list = parseResult.GetValue(input);
            var files = list is null ? ToFileSpecs(values, digest.Digest(parseResult)) : FromList(list, parseResult.GetValue(dir) ?? values.FirstOrDefault(), values, context);

            // Everything, the password included, is read before the service is contacted.
            var request = new CreateJobRequest(
                parseResult.GetValue(name) ?? DefaultDisplayName,
                Description: null,
                JobType.Download,
                parseResult.GetValue(priority) ?? JobPriority.Normal,
                Owner: "",
                files,
                Resume: true,
                MaxBytesPerSecond: maxBytesPerSecond > 0 ? maxBytesPerSecond : null,
                Http: http.Http(parseResult),
                Credentials: http.Credentials(parseResult, context, files.Select(f => f.RemoteUrl), inputIsList: list == "-"),
                CostPolicy: parseResult.GetValue(costPolicy),
                CompleteWhenTransferred: true);
            return OneShotJob.RunAsync(
                context,
                request,
                display,
                parseResult,
                job => $"job {job.Id}: transferring {files.Count} file(s)",
                CompleteAsync,
                cancellationToken);
        });

        // The service completes the job itself (CompleteWhenTransferred), also if this process goes away, and the watch
        // ends only when it did (JobEvent.Settled): Acknowledged, no Complete call. It ends at Transferred when the
        // service's moves failed (B30), or from an older service before its moves: Complete then fails as the moves did,
        // or waits for them, so the output and exit codes are those of a Complete made here.
        async Task<int> CompleteAsync(ITransferClient client, JobInfo job, CancellationToken cancellationToken)
        {
            if (job.State == JobState.Transferred)
            {
                job = await client.CompleteAsync(job.Id, cancellationToken);
            }

            return JobWatcher.Report(job, context);
        }
    }

    private static List<FileSpec> ToFileSpecs(string[] values, ContentDigest? digest)
    {
        if (values.Length == 0)
        {
            throw new UsageException("<url> <dest>: give a source and a destination (or several pairs), or a list of files with -i FILE.");
        }

        if (values.Length % 2 != 0)
        {
            throw new UsageException($"<url> <dest>: expected pairs of source and destination, got {values.Length} value(s).");
        }

        if (digest is not null && values.Length > 2)
        {
            throw new UsageException($"--sha256/--sha512: a digest is of one file, and {values.Length / 2} are given; transfer that file alone, or add the files with xfer job add-file.");
        }

        return [.. values.Chunk(2).Select(pair => FileArguments.ToFileSpec(pair[0], pair[1]) with { Digest = digest })];
    }

    /// <summary>
    /// The files of the <c>-i</c> list, relative local paths in <paramref name="directory"/> (<c>--dir</c>, or a value
    /// left on the command line; the validator refuses both).
    /// </summary>
    private static List<FileSpec> FromList(string list, string? directory, string[] values, CliContext context) =>
        values.Length <= 1
            ? FileList.Read(list, context, directory)
            : throw new UsageException($"<dir>: with -i the files come from the list, and {values.Length} values follow; "
                + "give at most one, the directory the list's relative local paths are in.");
}
