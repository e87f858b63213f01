using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer upload &lt;file&gt; &lt;url&gt; [--reply &lt;path&gt;] [--priority] [--no-wait] [--quiet] [--format text|json]
/// [--user] [--auth] [--header] [--proxy|--no-proxy]</c>: an Upload (or UploadReply) job created, queued, watched and
/// completed in one go; exit 0 only once the server has committed the whole file (and the reply is in place), or the
/// file has its final name on the SMB share.
/// </summary>
internal sealed class UploadCommand : Command
{
    private const string DefaultDisplayName = "xfer upload";

    public UploadCommand(CliContext context)
        : base("upload", "Uploads a file to a BITS upload server or an SMB share in one job and waits until the server has all of it.")
    {
        var file = new Argument<string>("file") { Description = "The file to send (made absolute); it must not change during the upload." };
        var url = new Argument<string>("url")
        {
            Description = "Its destination: an absolute http or https URL on a BITS upload server, or a file on an SMB share "
                + "(smb://server/share/path or \\\\server\\share\\path).",
        };
        var reply = new Option<string?>("--reply")
        {
            Description = "Makes it an upload-reply job (http and https only): the server application's reply is saved to this file (made absolute).",
            HelpName = "path",
        };
        var name = new Option<string?>("--name") { Description = $"Display name of the job (default '{DefaultDisplayName}')." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        var display = new OneShotDisplay();
        var http = new TransferHttpOptions(maxSize: false);
        Add(file);
        Add(url);
        Add(reply);
        Add(name);
        Add(priority);
        display.AddTo(this);
        http.AddTo(this);

        SetAction((parseResult, cancellationToken) =>
        {
            var remote = parseResult.GetValue(url)!;

            // Everything, the password included, is read before the service is contacted.
            var request = UploadJobRequests.Create(
                LocalFile(parseResult.GetValue(file)!),
                remote,
                parseResult.GetValue(reply) is { } replyPath ? ReplyFile(replyPath, remote) : null,
                parseResult.GetValue(priority) ?? JobPriority.Normal,
                parseResult.GetValue(name) ?? DefaultDisplayName,
                start: true) with
            {
                Http = http.Http(parseResult),
                Credentials = http.Credentials(parseResult, context, [remote]),
            };
            var upload = request.Files![0];
            return OneShotJob.RunAsync(
                context,
                request,
                display,
                parseResult,
                job => $"job {job.Id}: uploading {TerminalText.Safe(upload.LocalPath)} to {TerminalText.Safe(upload.RemoteUrl)}",
                (client, job, token) => CompleteAsync(context, client, job, upload, token),
                cancellationToken);
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

    private static string ReplyFile(string path, string remote)
    {
        if (SmbNames.IsSmb(remote))
        {
            // B128: BITS uploads to shares but has no upload-reply there; the share has no server application to reply.
            throw new UsageException(
                $"--reply: '{remote}' is on an SMB share, where there is no server application to reply (BITS has no upload-reply "
                + "over SMB); leave --reply out to upload to the share, or upload to an http or https upload server.");
        }

        return string.IsNullOrWhiteSpace(path)
            ? throw new UsageException("--reply: the reply path is empty.")
            : Path.GetFullPath(path);
    }

    /// <summary>
    /// Transferred: the server has committed the file (and the reply is downloaded), or the share holds all of it;
    /// Complete ends the job and puts the reply file in place.
    /// </summary>
    private static async Task<int> CompleteAsync(CliContext context, ITransferClient client, JobInfo job, FileSpec upload, CancellationToken cancellationToken)
    {
        if (job.State != JobState.Transferred)
        {
            return JobWatcher.Report(job, context);
        }

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
