using System.Management.Automation;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// Turns the service's refusals into ErrorRecords whose error id is the stable <see cref="TransferErrorCode"/> name, so
/// <c>$_.FullyQualifiedErrorId</c> starts with it and <c>$_.Exception.Code</c> is the code itself.
/// </summary>
internal static class XferErrors
{
    /// <summary>The error id of a service that does not answer at its address.</summary>
    public const string ServiceUnavailableId = "ServiceUnavailable";

    /// <summary>The error id of a job cancelled while a cmdlet waited for it.</summary>
    public const string JobCancelledId = "JobCancelled";

    public static ErrorRecord From(TransferJobException exception, object? target) =>
        new(exception, exception.Code.ToString(), Category(exception.Code), target);

    public static ErrorRecord From(TransferServiceUnavailableException exception) =>
        new(
            new TransferServiceUnavailableException(
                exception.Address,
                exception.Message + " Start it (any xfer command starts a service of your own; the system service: systemctl start orleans-transfer), or point XFER_SOCKET at the socket it listens on.",
                exception),
            ServiceUnavailableId,
            ErrorCategory.ResourceUnavailable,
            exception.Address);

    /// <summary>Bad input found before anything is sent; <paramref name="field"/> is the parameter.</summary>
    public static ErrorRecord InvalidArgument(string field, string message) =>
        From(new TransferJobException(TransferErrorCode.InvalidArgument, message, field), field);

    /// <summary>A job that ended in Error while a cmdlet waited for it: its own error code and message.</summary>
    public static ErrorRecord JobFailed(JobInfo job)
    {
        var error = job.Error;
        var code = error?.Code ?? TransferErrorCode.None;
        var file = error is null || job.Files.Count == 0 ? "" : $" (file {error.FileIndex}: {job.Files[Math.Clamp(error.FileIndex, 0, job.Files.Count - 1)].RemoteUrl})";
        var message = $"Job {job.Id} ('{job.DisplayName}') is in Error: {error?.Message ?? "no error recorded"}{file}. "
            + $"The job stays in the service: inspect it with 'Get-XferTransfer -JobId {job.Id}', fix the cause and "
            + "'Resume-XferTransfer', or 'Remove-XferTransfer' it.";
        return new(new TransferJobException(code, message), code.ToString(), Category(code), new XferJob(job));
    }

    /// <summary>A job cancelled (by its owner elsewhere, or an administrator) while a cmdlet waited for it.</summary>
    public static ErrorRecord JobCancelled(JobInfo job) =>
        new(
            new InvalidOperationException($"Job {job.Id} ('{job.DisplayName}') was cancelled while waiting for it; its files are not in place."),
            JobCancelledId,
            ErrorCategory.OperationStopped,
            new XferJob(job));

    private static ErrorCategory Category(TransferErrorCode code) => code switch
    {
        TransferErrorCode.NotFound or TransferErrorCode.SourceNotFound or TransferErrorCode.DestinationNotFound => ErrorCategory.ObjectNotFound,
        TransferErrorCode.AccessDenied or TransferErrorCode.DestinationNotWritable => ErrorCategory.PermissionDenied,
        TransferErrorCode.NotAuthenticated or TransferErrorCode.AuthenticationRequired => ErrorCategory.AuthenticationError,
        TransferErrorCode.ServiceNotTrusted => ErrorCategory.SecurityError,
        TransferErrorCode.InvalidState or TransferErrorCode.Empty or TransferErrorCode.JobDamaged => ErrorCategory.InvalidOperation,
        TransferErrorCode.DestinationInUse or TransferErrorCode.AlreadyExists => ErrorCategory.ResourceExists,
        TransferErrorCode.TooManyJobs or TransferErrorCode.TooManyJobsPerOwner or TransferErrorCode.TooManyFiles
            or TransferErrorCode.TooLarge => ErrorCategory.LimitsExceeded,
        TransferErrorCode.NotSupported or TransferErrorCode.UnsupportedScheme => ErrorCategory.NotImplemented,
        TransferErrorCode.Timeout or TransferErrorCode.Stall or TransferErrorCode.TooSlow
            or TransferErrorCode.MaxDownloadTimeExceeded or TransferErrorCode.NoProgressTimeout => ErrorCategory.OperationTimeout,
        < TransferErrorCode.HttpStatus => ErrorCategory.InvalidArgument,
        TransferErrorCode.HttpStatus or TransferErrorCode.InvalidServerResponse or TransferErrorCode.ServerApplicationError
            or TransferErrorCode.UploadRefused => ErrorCategory.InvalidResult,
        >= TransferErrorCode.MaxDownloadTimeExceeded => ErrorCategory.NotSpecified,
        _ => ErrorCategory.ConnectionError,
    };
}
