using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Remove-XferTransfer</c> (Remove-BitsTransfer): cancels the jobs, deleting their temporary files. Files a
/// completed job already put in place stay.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "XferTransfer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByJob)]
public sealed class RemoveXferTransferCommand : XferJobCmdlet
{
    private protected override void ProcessJob(Guid jobId)
    {
        if (ShouldProcess(jobId.ToString(), "Cancel transfer and delete its temporary files"))
        {
            TryCall(token => Client.CancelAsync(jobId, token), jobId, out _);
        }
    }
}
