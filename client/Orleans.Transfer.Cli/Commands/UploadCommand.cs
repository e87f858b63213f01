using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer upload &lt;file&gt; &lt;url&gt; [--reply &lt;path&gt;] [--priority] [--no-wait] [--quiet] [--format text|json]
/// [--user] [--auth] [--header] [--proxy|--no-proxy]</c>: an Upload (or UploadReply) job created, queued, watched and
/// completed in one go; exit 0 only once the server has committed the whole file (and the reply is in place).
/// </summary>
internal sealed class UploadCommand : Command
{
    private const string DefaultDisplayName = "xfer upload";

    public UploadCommand(CliContext context)
        : base("upload", "Uploads a file to a BITS upload server in one job and waits until the server has all of it.")
    {
        var file = new Argument<string>("file") { Description = "The file to send (made absolute); it must not change during the upload." };
        var url = new Argument<string>("url") { Description = "Its destination on the upload server, an absolute http or https URL." };
        var reply = new Option<string?>("--reply")
        {
            Description = "Makes it an upload-reply job: the server application's reply is saved to this file (made absolute).",
            HelpName = "path",
        };
        var name = new Option<string?>("--name") { Description = $"Display name of the job (default '{DefaultDisplayName}')." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return once the job is queued." };
        var quiet = CliSymbols.Quiet();
        var format = CliSymbols.ProgressFormat();
        var http = new TransferHttpOptions(maxSize: false);
        Add(file);
        Add(url);
        Add(reply);
        Add(name);
        Add(priority);
        Add(noWait);
        Add(quiet);
        Add(format);
        http.AddTo(this);
        CliSymbols.RejectQuietJson(this, quiet, format);

        SetAction((parseResult, cancellationToken) =>
        {
            // Everything, the password included, is read before the service is contacted.
            var request = UploadJobRequests.Create(
                LocalFile(parseResult.GetValue(file)!),
                parseResult.GetValue(url)!,
                parseResult.GetValue(reply) is { } replyPath ? ReplyFile(replyPath) : null,
                parseResult.GetValue(priority) ?? JobPriority.Normal,
                parseResult.GetValue(name) ?? DefaultDisplayName,
                start: true) with
            {
                Http = http.Http(parseResult),
                Credentials = http.Credentials(parseResult, context),
            };
            return RunAsync(context, request, parseResult.GetValue(noWait), parseResult.GetValue(quiet), parseResult.GetValue(format), cancellationToken);
        });
    }

    /// <summary>The file to send, absolute against the current directory (the service does not know it).</summary>
    private static string LocalFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("<file>: the file to upload is empty.");
        }

        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new UsageException($"<file>: '{path}' is not a file here; give the path of an existing file to upload.");
    }

    private static string ReplyFile(string path) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new UsageException("--reply: the reply path is empty.")
            : Path.GetFullPath(path);

    private static async Task<int> RunAsync(
        CliContext context,
        CreateJobRequest request,
        bool noWait,
        bool quiet,
        ProgressFormat format,
        CancellationToken cancellationToken)
    {
        var client = await context.ConnectAsync(cancellationToken);

        // One call: the service checks the file, URL, options and credentials first, so bad input leaves no job behind.
        var job = await client.CreateJobAsync(request, cancellationToken);

        if (noWait)
        {
            context.Out.WriteLine(job.Id);
            return ExitCodes.Success;
        }

        var upload = request.Files![0];
        if (!quiet)
        {
            context.Error.WriteLine($"job {job.Id}: uploading {TerminalText.Safe(upload.LocalPath)} to {TerminalText.Safe(upload.RemoteUrl)}");
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

        if (job.State != JobState.Transferred)
        {
            return JobWatcher.Report(job, context);
        }

        // Transferred: the server has committed the file (and the reply is downloaded); Complete ends the job and
        // puts the reply file in place.
        job = await client.CompleteAsync(job.Id, cancellationToken);
        if (job.State == JobState.Error)
        {
            return JobWatcher.Report(job, context);
        }

        if (job.State != JobState.Acknowledged)
        {
            context.Error.WriteLine($"job {job.Id}: {job.State} after complete; the upload is not finished.");
            return ExitCodes.NotCompleted;
        }

        context.Error.WriteLine($"job {job.Id}: uploaded to {TerminalText.Safe(upload.RemoteUrl)}.");
        if (job.Reply is { } replyInfo)
        {
            context.Error.WriteLine($"job {job.Id}: reply ({Formats.Bytes(replyInfo.BytesTransferred)}) in {TerminalText.Safe(replyInfo.Path)}.");
        }

        return ExitCodes.Success;
    }
}
