using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Add-XferFile</c> (Add-BitsFile): appends files to the jobs, all or none per job, and returns each job.
/// </summary>
[Cmdlet(VerbsCommon.Add, "XferFile", SupportsShouldProcess = true, DefaultParameterSetName = ByJob)]
[OutputType(typeof(XferJob))]
public sealed class AddXferFileCommand : XferJobCmdlet
{
    /// <summary>Sources: http, https, file or smb URLs, <c>\\server\share\path</c> names, or file paths.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Source { get; set; } = [];

    /// <summary>One destination per source, or one directory for all; the current location when left out.</summary>
    [Parameter(Position = 2)]
    public string[]? Destination { get; set; }

    private protected override void ProcessJob(Guid jobId)
    {
        List<FileSpec> files;
        try
        {
            files = FileArguments.ToFileSpecs(this, Source, Destination);
        }
        catch (TransferJobException exception)
        {
            WriteError(XferErrors.From(exception, exception.Field));
            return;
        }

        if (ShouldProcess(jobId.ToString(), $"Add {files.Count} file(s)") && TryCall(token => Client.AddFilesAsync(jobId, files, token), jobId, out var job))
        {
            WriteObject(new XferJob(job));
        }
    }
}
