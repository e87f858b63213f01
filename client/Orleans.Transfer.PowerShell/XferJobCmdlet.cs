using System.Management.Automation;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// A cmdlet that acts on existing jobs, named as BitsTransfer's cmdlets name them: job objects (<c>-TransferJob</c>,
/// bound from the pipeline, as <c>-BitsJob</c> is) or ids (<c>-JobId</c>, also bound from any pipeline object with a
/// JobId property).
/// </summary>
public abstract class XferJobCmdlet : XferCmdlet
{
    private protected const string ByJob = "Job";
    private protected const string ById = "Id";

    /// <summary>The jobs, as Get-XferTransfer or Start-XferTransfer -Asynchronous return them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByJob)]
    [System.Management.Automation.Alias("BitsJob", "Job")]
    public XferJob[] TransferJob { get; set; } = [];

    /// <summary>The jobs' ids.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [System.Management.Automation.Alias("Id")]
    public Guid[] JobId { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var ids = ParameterSetName == ByJob ? TransferJob.Select(job => job.JobId) : JobId;
        foreach (var id in ids)
        {
            ProcessJob(id);
        }
    }

    /// <summary>Acts on one job; refusals are written as errors about it, and the next job gets its turn.</summary>
    private protected abstract void ProcessJob(Guid jobId);
}
