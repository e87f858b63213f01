using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// What an <see cref="SmbException"/> means for a transfer: its stable code, whether it is transient, and a message
/// that says what failed, on which smb URL (which never carries a password), and what to do. The remote file is the
/// download's source or the upload's destination, so NotFound is SourceNotFound or DestinationNotFound. A dropped or
/// refused connection is thrown as a <see cref="TransientNetworkException"/> (context Transport), so the pipeline's
/// quick retries resume from the bytes written and a machine going offline waits for the network.
/// </summary>
internal static class SmbFailures
{
    /// <summary>The exception to throw for <paramref name="exception"/> while doing <paramref name="action"/> on <paramref name="url"/>.</summary>
    /// <param name="action">What was being done, as a verb phrase: "open", "read", "rename the temporary file of".</param>
    /// <param name="url">The smb URL, for the message.</param>
    /// <param name="exception">The client's failure.</param>
    /// <param name="remote">The run's remote: its direction, job and whether a credential was used.</param>
    public static Exception For(string action, string url, SmbException exception, SmbRemote remote)
    {
        var failure = Failure(action, url, exception, remote);
        return failure.Context == ErrorContext.Transport
            ? new TransientNetworkException(failure, exception)
            : new TransferFailedException(failure, exception);
    }

    public static TransferFailure Failure(string action, string url, SmbException exception, SmbRemote remote)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(remote);
        var upload = remote.Direction == TransferDirection.Upload;
        var setCredential = SetCredentialCommand(remote.JobId);
        // The platform client's message usually says what it did and on which URL already; it is not repeated.
        var what = exception.Message.Contains(url, StringComparison.Ordinal) ? exception.Message : $"Could not {action} {url}: {exception.Message}";
        return exception.Kind switch
        {
            SmbErrorKind.NotFound => Fatal(
                upload ? TransferErrorCode.DestinationNotFound : TransferErrorCode.SourceNotFound,
                $"{what} The {(upload ? "directory to upload into" : "file")} does not exist on the share; fix the path (xfer job set-remote-url) and resume the job."),
            SmbErrorKind.ShareNotFound => Fatal(
                upload ? TransferErrorCode.DestinationNotFound : TransferErrorCode.SourceNotFound,
                $"{what} The server has no such share; fix the share's name in the URL and resume the job."),
            SmbErrorKind.AccessDenied => Fatal(
                TransferErrorCode.AccessDenied,
                $"{what} The share refused access to the job's user; grant it {(upload ? "write" : "read")} access or set another credential ({setCredential}), then resume the job."),
            SmbErrorKind.AuthenticationFailed => Fatal(
                TransferErrorCode.AuthenticationRequired,
                remote.Credential is null
                    ? $"{what} The server refused an anonymous logon; set the share's credential ({setCredential}), then resume the job."
                    : $"{what} The server refused the job's credential (wrong user name, domain or password); set the right one ({setCredential}), then resume the job."),
            SmbErrorKind.Unreachable => Transient(
                TransferErrorCode.ConnectionRefused,
                $"{what} The server could not be reached; the job retries, keeping the bytes already transferred. Check the server and the network if this persists."),
            SmbErrorKind.ConnectionLost => Transient(
                TransferErrorCode.ConnectionReset,
                $"{what} The connection to the server was lost; the job retries, keeping the bytes already transferred."),
            SmbErrorKind.NoSpace => new TransferFailure(
                TransferErrorCode.DiskFull,
                ErrorContext.RemoteFile,
                $"{what} The share is full or over its quota; free space on it and the job retries, keeping the bytes already written.",
                HttpStatus: null,
                IsTransient: true),
            SmbErrorKind.IsDirectory => Fatal(
                TransferErrorCode.SourceNotRegularFile,
                $"{what} The name is a directory on the share, not a file; name a file and resume the job."),
            SmbErrorKind.ClientMissing => Fatal(
                TransferErrorCode.NotSupported,
                $"{what} This machine has no SMB client: install the libsmbclient package (apt-get install libsmbclient), then resume the job."),
            _ => Fatal(
                TransferErrorCode.NetworkError,
                $"{what} (error {exception.NativeError}). Check the URL and the share, then resume the job."),
        };
    }

    /// <summary>The command that sets a job's share credential, for messages.</summary>
    public static string SetCredentialCommand(Guid jobId) =>
        $"xfer job set-credentials {jobId} --target server --scheme ntlm --user DOMAIN\\user";

    private static TransferFailure Fatal(TransferErrorCode code, string message) =>
        new(code, ErrorContext.RemoteFile, message, HttpStatus: null, IsTransient: false);

    private static TransferFailure Transient(TransferErrorCode code, string message) =>
        new(code, ErrorContext.Transport, message, HttpStatus: null, IsTransient: true);
}
