using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job create &lt;display-name&gt; [--type download|upload|upload-reply] [--reply &lt;path&gt;] [--cost-policy]
/// [--complete-when-transferred]</c>: prints the new job's id on stdout.
/// </summary>
internal sealed class JobCreateCommand : Command
{
    public JobCreateCommand(CliContext context)
        : base("create", "Creates a job, suspended and empty, and prints its id.")
    {
        var displayName = new Argument<string>("display-name") { Description = "A name for people; need not be unique." };
        var description = new Option<string?>("--description") { Description = "A longer description." };
        var priority = CliSymbols.Priority("Priority of the job (default normal).");
        var type = CliSymbols.JobType();
        var reply = new Option<string?>("--reply")
        {
            Description = "An upload-reply job's reply file (made absolute); without it the service picks a hidden name beside the uploaded file.",
            HelpName = "path",
        };
        Add(displayName);
        Add(description);
        Add(priority);
        Add(type);
        var costPolicy = CliSymbols.CostPolicy(
            "When the job may transfer, by network cost: always, not-roaming, no-surcharge, standard, unrestricted or a mask; the service's default for its priority if not given.",
            allowDefault: false);
        var completeWhenTransferred = new Option<bool>("--complete-when-transferred")
        {
            Description = "The service completes the job itself once every file is transferred, so no 'job complete' is needed (ours, not BITS').",
        };
        Add(reply);
        Add(costPolicy);
        Add(completeWhenTransferred);
        Validators.Add(result =>
        {
            if (result.GetValue(reply) is not null && result.GetValue(type) != JobType.UploadReply)
            {
                result.AddError("--reply: only an upload-reply job has a reply file; add --type upload-reply.");
            }
        });

        SetAction(async (parseResult, cancellationToken) =>
        {
            var jobType = parseResult.GetValue(type);
            var replyPath = parseResult.GetValue(reply) is { } path
                ? string.IsNullOrWhiteSpace(path) ? throw new UsageException("--reply: the reply path is empty.") : Path.GetFullPath(path)
                : null;
            var client = await context.ConnectAsync(cancellationToken);
            var job = jobType == JobType.Download && parseResult.GetValue(costPolicy) is null && !parseResult.GetValue(completeWhenTransferred)
                ? await client.CreateDownloadJobAsync(
                    parseResult.GetValue(displayName)!,
                    parseResult.GetValue(description),
                    parseResult.GetValue(priority) ?? JobPriority.Normal,
                    cancellationToken)
                : await client.CreateJobAsync(
                    new CreateJobRequest(
                        parseResult.GetValue(displayName)!,
                        parseResult.GetValue(description),
                        jobType,
                        parseResult.GetValue(priority) ?? JobPriority.Normal,
                        Owner: string.Empty,
                        ReplyPath: replyPath,
                        CostPolicy: parseResult.GetValue(costPolicy),
                        CompleteWhenTransferred: parseResult.GetValue(completeWhenTransferred)),
                    cancellationToken);
            context.Out.WriteLine(job.Id);
            return ExitCodes.Success;
        });
    }
}
