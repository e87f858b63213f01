using System.Management.Automation;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Set-XferTransfer</c> (Set-BitsTransfer): changes the jobs' properties, credential and custom headers, and returns
/// each job. Parameters left out are left as they are; the service checks every value and changes nothing on a refusal.
/// </summary>
[Cmdlet(VerbsCommon.Set, "XferTransfer", SupportsShouldProcess = true, DefaultParameterSetName = ByJob)]
[OutputType(typeof(XferJob))]
public sealed class SetXferTransferCommand : XferJobCmdlet
{
    /// <summary>The new display name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DisplayName { get; set; }

    /// <summary>The new description.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new priority.</summary>
    [Parameter]
    public JobPriority? Priority { get; set; }

    /// <summary>Seconds a job in TransientError waits before it retries (BITS MinimumRetryDelay; at least 5).</summary>
    [Parameter]
    public int? RetryInterval { get; set; }

    /// <summary>Seconds a job may make no progress in TransientError before it goes to Error (BITS NoProgressTimeout).</summary>
    [Parameter]
    public int? RetryTimeout { get; set; }

    /// <summary>Seconds the job may spend connecting and transferring before it goes to Error.</summary>
    [Parameter]
    public int? MaxDownloadTime { get; set; }

    /// <summary>The job's own bandwidth cap in bytes per second; 0 removes it.</summary>
    [Parameter]
    public long? MaxBytesPerSecond { get; set; }

    /// <summary>When the job may transfer by network cost: Always, NotRoaming, NoSurcharge, Standard, Unrestricted or a mask.</summary>
    [Parameter]
    public string? TransferPolicy { get; set; }

    /// <summary>The server's credential, replacing the one of the same scheme.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The scheme for -Credential: Basic (the default), Digest, Ntlm or Negotiate; Ntlm by default for shares.</summary>
    [Parameter]
    public AuthScheme? Authentication { get; set; }

    /// <summary><c>Name: value</c> headers sent on every request, replacing the ones set before; an empty array clears them.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[]? CustomHeaders { get; set; }

    private protected override void ProcessJob(Guid jobId)
    {
        JobPropertiesUpdate properties;
        try
        {
            properties = Properties();
        }
        catch (TransferJobException exception)
        {
            WriteError(XferErrors.From(exception, exception.Field));
            return;
        }

        var credentialGiven = Credential is not null && Credential != PSCredential.Empty;
        if (properties == new JobPropertiesUpdate() && !credentialGiven && CustomHeaders is null)
        {
            WriteError(XferErrors.InvalidArgument(
                "DisplayName",
                "Set-XferTransfer: give at least one of -DisplayName, -Description, -Priority, -RetryInterval, -RetryTimeout, "
                + "-MaxDownloadTime, -MaxBytesPerSecond, -TransferPolicy, -Credential, -CustomHeaders."));
            return;
        }

        if (!ShouldProcess(jobId.ToString(), "Set transfer properties") || !TryCall(token => Client.GetAsync(jobId, token), jobId, out var job))
        {
            return;
        }

        if (properties != new JobPropertiesUpdate() && !TryCall(token => Client.SetPropertiesAsync(jobId, properties, token), jobId, out job))
        {
            return;
        }

        if (credentialGiven && !SetCredential(job, out job))
        {
            return;
        }

        if (CustomHeaders is { } headers
            && !TryCall(token => Client.SetHttpOptionsAsync(jobId, new HttpOptionsUpdate(CustomHeaders: headers), token), jobId, out job))
        {
            return;
        }

        WriteObject(new XferJob(job));
    }

    private JobPropertiesUpdate Properties()
    {
        NetworkCostStates? policy = null;
        if (TransferPolicy is { } text)
        {
            policy = Transfer.TransferPolicy.TryParse(text, out var parsed, out var error)
                ? parsed
                : throw new TransferJobException(TransferErrorCode.InvalidArgument, $"-TransferPolicy: {error}", "TransferPolicy");
        }

        return new JobPropertiesUpdate(
            DisplayName,
            Description,
            Priority,
            Seconds(RetryInterval),
            Seconds(RetryTimeout),
            Seconds(MaxDownloadTime),
            MaxBytesPerSecond,
            policy);
    }

    private bool SetCredential(JobInfo job, out JobInfo updated)
    {
        JobCredential credential;
        try
        {
            credential = CredentialArguments.ToServerCredential(Credential, Authentication, job.Files.Select(f => f.RemoteUrl))!;
        }
        catch (TransferJobException exception)
        {
            WriteError(XferErrors.From(exception, exception.Field));
            updated = job;
            return false;
        }

        return TryCall(token => Client.SetCredentialsAsync(job.Id, credential, token), job.Id, out updated);
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : null;
}
