using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer transfer &lt;url&gt; &lt;dest&gt; [&lt;url&gt; &lt;dest&gt;...] [--quiet] [--format text|json] [--user] [--header]
/// [--proxy|--no-proxy] [--max-size] [--cost-policy]</c>: create, add, resume, wait, complete, in one go.
/// </summary>
internal sealed class TransferCommand : Command
{
    private const string DefaultDisplayName = "xfer transfer";

    public TransferCommand(CliContext context)
        : base("transfer", "Downloads files in one job and waits until they are in place.")
    {
        var pairs = new Argument<string[]>("url dest")
        {
            Description = "Pairs of source (absolute http, https or file URL, or absolute path) and destination path.",
            Arity = ArgumentArity.OneOrMore,
        };
        var name = new Option<string?>("--name") { Description = $"Display name of the job (default '{DefaultDisplayName}')." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return once the job is queued." };
        var maxRate = CliSymbols.MaxRate("Caps the job's bandwidth, e.g. 512k or 10M (1024-based); off (the default) for no cap.");
        var costPolicy = CliSymbols.CostPolicy(
            "When the job may transfer, by network cost: always, not-roaming, no-surcharge, standard, unrestricted or a mask; the service's default for its priority if not given.",
            allowDefault: false);
        var quiet = CliSymbols.Quiet();
        var format = CliSymbols.ProgressFormat();
        var http = new TransferHttpOptions();
        Add(pairs);
        Add(name);
        Add(priority);
        Add(noWait);
        Add(maxRate);
        Add(costPolicy);
        Add(quiet);
        Add(format);
        http.AddTo(this);
        CliSymbols.RejectQuietJson(this, quiet, format);

        SetAction((parseResult, cancellationToken) =>
        {
            var maxBytesPerSecond = parseResult.GetValue(maxRate) ?? 0;

            // Everything, the password included, is read before the service is contacted.
            var request = new CreateJobRequest(
                parseResult.GetValue(name) ?? DefaultDisplayName,
                Description: null,
                JobType.Download,
                parseResult.GetValue(priority) ?? JobPriority.Normal,
                Owner: "",
                ToFileSpecs(parseResult.GetValue(pairs)!),
                Resume: true,
                MaxBytesPerSecond: maxBytesPerSecond > 0 ? maxBytesPerSecond : null,
                Http: http.Http(parseResult),
                Credentials: http.Credentials(parseResult, context),
                CostPolicy: parseResult.GetValue(costPolicy));
            return RunAsync(context, request, parseResult.GetValue(noWait), parseResult.GetValue(quiet), parseResult.GetValue(format), cancellationToken);
        });
    }

    private static List<FileSpec> ToFileSpecs(string[] values)
    {
        if (values.Length % 2 != 0)
        {
            throw new UsageException($"<url> <dest>: expected pairs of source and destination, got {values.Length} value(s).");
        }

        return [.. values.Chunk(2).Select(pair => FileArguments.ToFileSpec(pair[0], pair[1]))];
    }

    private static async Task<int> RunAsync(
        CliContext context,
        CreateJobRequest request,
        bool noWait,
        bool quiet,
        ProgressFormat format,
        CancellationToken cancellationToken)
    {
        var client = await context.ConnectAsync(cancellationToken);

        // One call: the service validates every property, option and file first, so bad input leaves no job behind,
        // and the cap, credentials and headers apply before the first byte.
        var job = await client.CreateJobAsync(request, cancellationToken);

        if (noWait)
        {
            context.Out.WriteLine(job.Id);
            return ExitCodes.Success;
        }

        if (!quiet)
        {
            context.Error.WriteLine($"job {job.Id}: transferring {request.Files!.Count} file(s)");
        }

        try
        {
            job = await JobWatcher.WaitUntilSettledAsync(client, job.Id, ProgressView.For(context, quiet, format), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The service keeps working on its own, as BITS does: the user only stopped waiting.
            context.Error.WriteLine($"Interrupted. Job {job.Id} keeps running in the background.");
            context.Error.WriteLine($"  watch it:  xfer job watch {job.Id}");
            context.Error.WriteLine($"  cancel it: xfer job cancel {job.Id}");
            return ExitCodes.Interrupted;
        }

        if (job.State == JobState.Transferred)
        {
            job = await client.CompleteAsync(job.Id, cancellationToken);
        }

        return JobWatcher.Report(job, context);
    }
}
