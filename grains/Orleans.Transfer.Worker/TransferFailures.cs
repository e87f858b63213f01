using System.Net;

namespace Orleans.Transfer.Worker;

/// <summary>Builds the failures a run reports, with messages that say what happened and what to do.</summary>
internal static class TransferFailures
{
    public static TransferFailure ForStatus(HttpResponseMessage response, string url, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        var prefix = $"HTTP {status} {reason} from {url}";
        var transient = status is 408 or 429 || (status >= 500 && status is not 501 and not 505);
        var retryAfter = transient ? RetryAfter(response, now) : null;
        var message = response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                $"{prefix}: the remote file does not exist; fix the URL and resume the job.",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.ProxyAuthenticationRequired =>
                $"{prefix}: the server refused access; grant access or fix the credentials, then resume the job.",
            HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported =>
                $"{prefix}: the server cannot serve this request; use another server or URL.",
            _ when transient && retryAfter is { } delay =>
                $"{prefix}: the server is busy or failing; the job retries after {delay.TotalSeconds:0} s as the server asked.",
            _ when transient =>
                $"{prefix}: the server is busy or failing; the job retries later.",
            _ => $"{prefix}: the server rejected the request; check the URL and resume the job.",
        };
        return new TransferFailure(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, message, status, transient, retryAfter);
    }

    public static TransferFailure Network(string url, Exception exception) => new(
        TransferErrorCode.NetworkError,
        ErrorContext.Transport,
        $"Network error while downloading {url}: {exception.Message} The job retries later; check the network or the server if this persists.",
        HttpStatus: null,
        IsTransient: true);

    public static TransferFailure InvalidResponse(string url, string problem) => new(
        TransferErrorCode.InvalidServerResponse,
        ErrorContext.RemoteFile,
        $"Unusable response from {url}: {problem}",
        HttpStatus: null,
        IsTransient: false);

    public static TransferFailure InvalidRange(string url, string problem) => new(
        TransferErrorCode.InvalidRange,
        ErrorContext.RemoteFile,
        $"Invalid byte range for {url}: {problem} Fix the file's ranges and resume the job.",
        HttpStatus: 416,
        IsTransient: false);

    public static TransferFailure SourceNotFound(string path) => new(
        TransferErrorCode.SourceNotFound,
        ErrorContext.RemoteFile,
        $"The source file {path} does not exist; fix the path and resume the job.",
        HttpStatus: null,
        IsTransient: false);

    public static TransferFailure LocalIo(string what, string path, Exception exception, ErrorContext context)
    {
        var diskFull = IsDiskFull(exception);
        var advice = diskFull
            ? "the disk is full; free space and the job retries."
            : "check that the directory exists and the service may write there, then resume the job.";
        return new TransferFailure(
            TransferErrorCode.LocalIoError,
            context,
            $"Could not {what} {path}: {exception.Message} {char.ToUpperInvariant(advice[0])}{advice[1..]}",
            HttpStatus: null,
            IsTransient: diskFull);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    private static bool IsDiskFull(Exception exception)
    {
        // Unix reports errno (ENOSPC 28, EDQUOT 122); Windows an HRESULT with ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL.
        var result = exception.HResult;
        return result is 28 or 122 || (result & 0xFFFF) is 0x70 or 0x27 && (result & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000);
    }
}
