namespace Orleans.Transfer.Worker;

/// <summary>
/// What a refused packet means ([MC-BUP] §3.1.5.2.1, digest §4, §7; B41 for the server application's statuses): the
/// exception to throw for an Ack that is not a success, 416 or 413 (those the sink handles itself).
/// </summary>
internal static class BitsAckFailures
{
    private const string Retry = "The job retries later; check the upload server if this persists.";

    public static Exception For(ReceivedAck ack, string packet, string url)
    {
        var prefix = $"HTTP {ack.Status} {ack.Reason} to {packet} from {url}";
        if (ack.SessionNotFound)
        {
            return new SinkLostException(
                $"{prefix}: the server no longer knows the upload session (BG_E_SESSION_NOT_FOUND, 0x8020001F); the file starts again in a new session",
                TransferErrorCode.UploadRefused,
                ErrorContext.RemoteFile);
        }

        if (ack.ErrorContext == BitsHeaders.ContextRemoteApplication)
        {
            return new TransferFailedException(Application(ack, prefix));
        }

        var hresult = ack.ErrorCode is null ? string.Empty : $" (BITS error {ack.ErrorText})";
        return ack.Status switch
        {
            403 => Fatal(TransferErrorCode.AccessDenied, ack, $"{prefix}{hresult}: the server refuses this upload (not allowed, or the file "
                + "exists and may not be replaced); grant access or choose another URL, then resume the job."),
            409 => Fatal(TransferErrorCode.AlreadyExists, ack, $"{prefix}{hresult}: the file exists on the server and may not be replaced; "
                + "choose another URL or remove it there, then resume the job."),
            404 => Fatal(TransferErrorCode.HttpStatus, ack, $"{prefix}{hresult}: the upload URL does not exist; fix the URL and resume the job."),
            _ when ack.ErrorCode == BitsHeaders.TooLarge => Fatal(TransferErrorCode.TooLarge, ack, $"{prefix}: the file is larger than the "
                + "server accepts (BG_E_TOO_LARGE, 0x80200020); raise the server's maximum or upload a smaller file, then resume the job."),
            501 or 505 => Fatal(ack.ErrorCode is null ? TransferErrorCode.HttpStatus : TransferErrorCode.UploadRefused, ack,
                $"{prefix}{hresult}: the server does not accept BITS uploads at this URL; enable them or use another URL, then resume the job."),
            >= 500 and < 600 => new TransientNetworkException(new TransferFailure(
                ack.ErrorCode is null ? TransferErrorCode.HttpStatus : TransferErrorCode.UploadRefused,
                ErrorContext.RemoteFile,
                $"{prefix}{hresult}: the server is busy or failing. {Retry}",
                ack.Status,
                IsTransient: true)),
            _ when ack.ErrorCode is not null => Fatal(TransferErrorCode.UploadRefused, ack, $"{prefix}: the server refused the upload with "
                + $"BITS error {ack.ErrorText}; check the URL and the server, then resume the job."),
            408 or 429 => new TransientNetworkException(new TransferFailure(
                TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, $"{prefix}: the server is busy or timed out. {Retry}", ack.Status, IsTransient: true)),
            _ => Fatal(TransferErrorCode.HttpStatus, ack, $"{prefix}: the server rejected the request; check the URL and resume the job."),
        };
    }

    /// <summary>An Ack that lacks what the protocol requires: the server is not a BITS upload server, or a broken one.</summary>
    public static TransferFailedException Invalid(string url, string problem) =>
        new(TransferFailures.InvalidResponse(url, problem + " Check that the URL is a BITS upload server, then resume the job."));

    /// <summary>B41: 3xx transient except 300–305 and 307; 4xx fatal except 408 and 409; 5xx transient except 501 and 505.</summary>
    private static TransferFailure Application(ReceivedAck ack, string prefix)
    {
        var status = ack.Status;
        var fatal = status switch
        {
            >= 300 and <= 305 or 307 => true,
            408 or 409 => false,
            >= 400 and < 500 => true,
            501 or 505 => true,
            _ => false,
        };
        var advice = fatal
            ? "fix the server application or the upload, then resume the job."
            : "the job retries later.";
        return new TransferFailure(
            TransferErrorCode.ServerApplicationError,
            ErrorContext.RemoteApplication,
            $"{prefix}: the server application failed the upload (BITS error {ack.ErrorText}); {advice}",
            status,
            IsTransient: !fatal);
    }

    private static TransferFailedException Fatal(TransferErrorCode code, ReceivedAck ack, string message) =>
        new(new TransferFailure(code, ErrorContext.RemoteFile, message, ack.Status, IsTransient: false));
}
