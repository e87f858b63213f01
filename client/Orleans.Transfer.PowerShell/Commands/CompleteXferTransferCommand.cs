using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Complete-XferTransfer</c> (Complete-BitsTransfer): ends transferred jobs, moving their files to their final names.
/// A job not yet transferred is refused with InvalidState and left as it is.
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "XferTransfer", SupportsShouldProcess = true, DefaultParameterSetName = ByJob)]
public sealed class CompleteXferTransferCommand : XferJobCmdlet
{
    private protected override void ProcessJob(Guid jobId)
    {
        if (ShouldProcess(jobId.ToString(), "Complete transfer"))
        {
            TryCall(token => Client.CompleteAsync(jobId, token), jobId, out _);
        }
    }
}
