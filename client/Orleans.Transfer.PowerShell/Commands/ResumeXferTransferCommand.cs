using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Resume-XferTransfer</c> (Resume-BitsTransfer): queues the jobs. Synchronous by default, even for a job created
/// with -Asynchronous: waits with progress and completes each job once transferred, writing nothing; a job that ends
/// in Error is an error carrying its code. <c>-Asynchronous</c> returns the jobs at once.
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "XferTransfer", SupportsShouldProcess = true, DefaultParameterSetName = ByJob)]
[OutputType(typeof(XferJob))]
public sealed class ResumeXferTransferCommand : XferJobCmdlet
{
    private int _activityId;

    /// <summary>Returns the jobs at once instead of waiting for them.</summary>
    [Parameter]
    public SwitchParameter Asynchronous { get; set; }

    private protected override void ProcessJob(Guid jobId)
    {
        if (!ShouldProcess(jobId.ToString(), "Resume transfer") || !TryCall(token => Client.ResumeAsync(jobId, token), jobId, out var job))
        {
            return;
        }

        if (Asynchronous)
        {
            WriteObject(new XferJob(job));
            return;
        }

        new TransferWait(this).Run(job, ++_activityId);
    }
}
