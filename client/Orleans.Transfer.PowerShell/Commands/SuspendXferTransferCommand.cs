using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary><c>Suspend-XferTransfer</c> (Suspend-BitsTransfer): pauses the jobs and returns them.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "XferTransfer", SupportsShouldProcess = true, DefaultParameterSetName = ByJob)]
[OutputType(typeof(XferJob))]
public sealed class SuspendXferTransferCommand : XferJobCmdlet
{
    private protected override void ProcessJob(Guid jobId)
    {
        if (ShouldProcess(jobId.ToString(), "Suspend transfer") && TryCall(token => Client.SuspendAsync(jobId, token), jobId, out var job))
        {
            WriteObject(new XferJob(job));
        }
    }
}
