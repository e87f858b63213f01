using System.Management.Automation;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Start-XferTransfer</c> (Start-BitsTransfer): creates a download job with its files and credential in one atomic
/// call. Synchronous by default: shows progress, completes the job when every file is transferred, and writes nothing;
/// a job that ends in Error is an error carrying its code, and stays in the service. <c>-Asynchronous</c> returns the
/// job at once, <c>-Suspended</c> leaves it suspended.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "XferTransfer", SupportsShouldProcess = true)]
[OutputType(typeof(XferJob))]
public sealed class StartXferTransferCommand : XferCmdlet
{
    private const string DefaultDisplayName = "Xfer Transfer";

    /// <summary>Sources: http, https, file or smb URLs, <c>\\server\share\path</c> names, or file paths.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Source { get; set; } = [];

    /// <summary>One destination per source, or one directory for all; the current location when left out.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string[]? Destination { get; set; }

    /// <summary>Foreground (the default, as in Start-BitsTransfer), High, Normal or Low.</summary>
    [Parameter]
    public JobPriority Priority { get; set; } = JobPriority.Foreground;

    /// <summary>Returns the job at once instead of waiting for it.</summary>
    [Parameter]
    public SwitchParameter Asynchronous { get; set; }

    /// <summary>Creates the job suspended and returns it (implies -Asynchronous).</summary>
    [Parameter]
    public SwitchParameter Suspended { get; set; }

    /// <summary>The server's credential (for an SMB share: <c>DOMAIN\user</c>).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The scheme for -Credential: Basic (the default), Digest, Ntlm or Negotiate; Ntlm by default for shares.</summary>
    [Parameter]
    public AuthScheme? Authentication { get; set; }

    /// <summary>The job's display name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DisplayName { get; set; } = DefaultDisplayName;

    /// <summary>The job's description.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CreateJobRequest request;
        try
        {
            var files = FileArguments.ToFileSpecs(this, Source, Destination);
            var credential = CredentialArguments.ToServerCredential(Credential, Authentication, files.Select(f => f.RemoteUrl));
            request = new CreateJobRequest(
                DisplayName,
                Description,
                JobType.Download,
                Priority,
                Owner: "",
                files,
                Resume: !Suspended,
                Credentials: credential is null ? null : [credential]);
        }
        catch (TransferJobException exception)
        {
            WriteError(XferErrors.From(exception, exception.Field));
            return;
        }

        var target = string.Join(", ", request.Files!.Select(f => $"{f.RemoteUrl} -> {f.LocalPath}"));
        if (!ShouldProcess(target, "Start transfer") || !TryCall(token => Client.CreateJobAsync(request, token), target, out var job))
        {
            return;
        }

        if (Asynchronous || Suspended)
        {
            WriteObject(new XferJob(job));
            return;
        }

        new TransferWait(this).Run(job, activityId: 1);
    }
}
