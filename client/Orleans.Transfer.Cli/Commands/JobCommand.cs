using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job ...</c>: one verb per job operation.</summary>
internal sealed class JobCommand : Command
{
    public JobCommand(CliContext context)
        : base("job", "Creates, changes and inspects transfer jobs.")
    {
        Add(new JobCreateCommand(context));
        Add(new JobAddFileCommand(context));
        Add(new JobResumeCommand(context));
        Add(new JobSuspendCommand(context));
        Add(new JobCancelCommand(context));
        Add(new JobCompleteCommand(context));
        Add(new JobSetCommand(context));
        Add(new JobSetCredentialsCommand(context));
        Add(new JobRemoveCredentialsCommand(context));
        Add(new JobSetHeadersCommand(context));
        Add(new JobSetProxyCommand(context));
        Add(new JobSetClientCertCommand(context));
        Add(new JobSetRemoteUrlCommand(context));
        Add(new JobReplaceRemotePrefixCommand(context));
        Add(new JobListCommand(context));
        Add(new JobInfoCommand(context));
        Add(new JobEventsCommand(context));
        Add(new JobReplyCommand(context));
        Add(new JobWatchCommand(context));
        Add(new JobTakeOwnershipCommand(context));
        Add(new JobResetCommand(context));
    }
}
