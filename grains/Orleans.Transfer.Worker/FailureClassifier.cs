using System.Net.Sockets;
using System.Security.Authentication;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The one place that decides what a failure means: transient or fatal, its code, its context and the advice in its
/// message. Rows are checked in order and the first match wins; docs/errors.md is the same table for people.
/// </summary>
internal static class FailureClassifier
{
    private const string RetryLater = "The job retries later; check the network or the server if this persists.";

    private static readonly NetworkRule[] s_networkRules =
    [
        // A name that does not resolve now may resolve later, but retrying it within seconds rarely helps.
        new(ex => Find<HttpRequestException>(ex) is { HttpRequestError: HttpRequestError.NameResolutionError }
                || Find<SocketException>(ex) is { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData },
            TransferErrorCode.DnsFailure, IsTransient: true, RetryInRun: false, "The host name could not be resolved."),
        new(ex => Find<SocketException>(ex) is { SocketErrorCode: SocketError.ConnectionRefused },
            TransferErrorCode.ConnectionRefused, IsTransient: true, RetryInRun: true, "The server refused the connection."),

        // A certificate or protocol mismatch does not fix itself: the user must fix the URL or the trust store.
        new(ex => Find<AuthenticationException>(ex) is not null
                || Find<HttpRequestException>(ex) is { HttpRequestError: HttpRequestError.SecureConnectionError },
            TransferErrorCode.TlsFailure, IsTransient: false, RetryInRun: false,
            "The TLS handshake failed (a certificate that is not trusted, or a server that does not speak TLS on this port). "
            + "Fix the URL or the certificate trust, then resume the job."),
        new(ex => Find<TimeoutException>(ex) is not null || Find<SocketException>(ex) is { SocketErrorCode: SocketError.TimedOut },
            TransferErrorCode.Timeout, IsTransient: true, RetryInRun: true, "The connection timed out."),
        new(ex => Find<HttpIOException>(ex) is { HttpRequestError: HttpRequestError.ResponseEnded },
            TransferErrorCode.TruncatedBody, IsTransient: true, RetryInRun: true, "The response ended early."),
        new(ex => Find<SocketException>(ex) is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown },
            TransferErrorCode.ConnectionReset, IsTransient: true, RetryInRun: true, "The connection was reset."),
        new(ex => Find<HttpRequestException>(ex) is not null || Find<IOException>(ex) is not null,
            TransferErrorCode.NetworkError, IsTransient: true, RetryInRun: true, "The connection failed."),
    ];

    private static readonly StatusRule[] s_statusRules =
    [
        new(s => s is 404 or 410, IsTransient: false, "the remote file does not exist; fix the URL and resume the job."),
        new(s => s is 403, IsTransient: false,
            "the server refused access; grant access or fix the credentials, then resume the job."),
        new(s => s is 408 or 429, IsTransient: true, "the server is busy or timed out"),
        new(s => s is 501 or 505, IsTransient: false, "the server cannot serve this request; use another server or URL."),
        new(s => s is >= 500 and < 600, IsTransient: true, "the server is busy or failing"),
        new(s => s is >= 300 and < 400, IsTransient: false,
            "too many redirects, most likely a redirect loop; fix the URL or the server, then resume the job."),
        new(_ => true, IsTransient: false, "the server rejected the request; check the URL and resume the job."),
    ];

    /// <summary>
    /// Classifies a connection-level exception. Throw the result as <see cref="TransientNetworkException"/> when
    /// <paramref name="retryInRun"/> is true (quick retries keep the data), else as <see cref="TransferFailedException"/>.
    /// </summary>
    public static TransferFailure ForNetwork(Exception exception, string url, string? detail, out bool retryInRun)
    {
        var rule = s_networkRules.FirstOrDefault(r => r.Matches(exception)) ?? s_networkRules[^1];
        retryInRun = rule.RetryInRun;
        var suffix = detail is null ? string.Empty : $" ({detail})";
        var advice = rule.IsTransient ? RetryLater : string.Empty;
        return new TransferFailure(
            rule.Code,
            ErrorContext.Transport,
            $"{rule.Summary} {url}: {ReasonOf(rule, exception)}{suffix}. {advice}".TrimEnd(),
            HttpStatus: null,
            rule.IsTransient);
    }

    /// <summary>A failure the worker detects itself on the connection (stall, short body, no response in time).</summary>
    public static TransferFailure Transport(TransferErrorCode code, string url, string problem) => new(
        code, ErrorContext.Transport, $"{problem} from {url}. {RetryLater}", HttpStatus: null, IsTransient: true);

    /// <summary>
    /// The source delivered fewer than <paramref name="minimum"/> bytes per second over a window of waiting for it:
    /// transient, and the run ends so the slot goes to another job. RemoteFile, not Transport: the server answered, so
    /// the network's return is no reason to try it again early.
    /// </summary>
    public static TransferFailure TooSlow(string url, long bytes, TimeSpan waited, long minimum) => new(
        TransferErrorCode.TooSlow,
        ErrorContext.RemoteFile,
        $"{url} sent only {bytes} bytes in {waited.TotalSeconds:0} s, slower than the minimum of {minimum} bytes/s "
            + "(Transfer:Worker:MinimumBytesPerSecond). The job retries later; if the link really is this slow, lower that minimum.",
        HttpStatus: null,
        IsTransient: true);

    /// <summary>
    /// The file is, or grew, larger than <paramref name="limit"/> bytes: fatal, as the same server will send the same
    /// file again. <paramref name="jobId"/> is set when the limit is the job's maximum download size, not the service's.
    /// </summary>
    public static TransferFailure TooLarge(string url, string size, long limit, Guid? jobId) => new(
        TransferErrorCode.TooLarge,
        ErrorContext.RemoteFile,
        jobId is { } id
            ? $"{url} is {size}, more than the job's maximum download size leaves for it ({limit} bytes, http.maxDownloadBytes); "
                + $"the partial file was deleted. If the file is expected to be this large, raise the limit with 'xfer job set {id} "
                + "--max-size SIZE', then resume the job."
            : $"{url} is {size}, more than the largest file allowed ({limit} bytes, Transfer:Worker:MaxFileBytes); "
                + "the partial file was deleted. Raise the limit if the file is expected to be this large, then resume the job.",
        HttpStatus: null,
        IsTransient: false);

    /// <summary>Classifies a final (non-redirected, non-success) HTTP status.</summary>
    public static TransferFailure ForStatus(HttpResponseMessage response, string url, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status is 401 or 407)
        {
            return AuthenticationFailures.ForChallenge(response, url, options: null, jobId: null);
        }

        var rule = s_statusRules.First(r => r.Matches(status));
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        var prefix = $"HTTP {status} {reason} from {url}";
        var retryAfter = rule.IsTransient ? RetryAfter(response, now) : null;
        var message = rule.IsTransient
            ? retryAfter is { } delay
                ? $"{prefix}: {rule.Advice}; the job retries after {delay.TotalSeconds:0} s as the server asked."
                : $"{prefix}: {rule.Advice}; the job retries later."
            : $"{prefix}: {rule.Advice}";
        var code = status is >= 300 and < 400 ? TransferErrorCode.RedirectLoop : TransferErrorCode.HttpStatus;
        return new TransferFailure(code, ErrorContext.RemoteFile, message, status, rule.IsTransient, retryAfter);
    }

    /// <summary>Classifies a failure on the temp file (<see cref="ErrorContext.LocalFile"/>) or a local source.</summary>
    public static TransferFailure ForLocal(string what, string path, Exception exception, ErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, transient, advice) = exception switch
        {
            _ when IsDiskFull(exception) => (TransferErrorCode.DiskFull, true,
                "The disk is full; free space and the job retries, keeping the data already written."),
            DirectoryNotFoundException when context == ErrorContext.LocalFile => (TransferErrorCode.DestinationNotFound, false,
                "The destination directory is gone; recreate it, then resume the job."),
            _ when IsAccessDenied(exception) && context == ErrorContext.LocalFile => (TransferErrorCode.DestinationNotWritable, false,
                "The service may not write there (permissions or a read-only file system); fix that, then resume the job."),
            _ => (TransferErrorCode.LocalIoError, false,
                "Check that the file exists and the service may use it, then resume the job."),
        };
        return new TransferFailure(code, context, $"Could not {what} {path}: {exception.Message} {advice}", HttpStatus: null, transient);
    }

    /// <summary>
    /// ENOSPC (28) or EDQUOT (122) on Unix, where .NET puts the errno in HResult; ERROR_DISK_FULL (0x70) or
    /// ERROR_HANDLE_DISK_FULL (0x27) wrapped as an HRESULT on Windows.
    /// </summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: var result }
        && (OperatingSystem.IsWindows() ? IsWin32(result, 0x70) || IsWin32(result, 0x27) : result is 28 or 122);

    private static bool IsAccessDenied(Exception exception) =>
        exception is UnauthorizedAccessException
        || (exception is IOException { HResult: var result }
            && (OperatingSystem.IsWindows() ? IsWin32(result, 5) : result is 1 or 13 or 30)); // EPERM, EACCES, EROFS

    private static bool IsWin32(int hresult, int code) => hresult == unchecked((int)0x80070000) + code;

    // A TLS failure's own message ("could not be established, see inner exception") hides which check failed.
    private static string ReasonOf(NetworkRule rule, Exception exception) =>
        rule.Code == TransferErrorCode.TlsFailure && Find<AuthenticationException>(exception) is { } tls ? tls.Message : exception.Message;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
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

    private sealed record NetworkRule(
        Func<Exception, bool> Matches, TransferErrorCode Code, bool IsTransient, bool RetryInRun, string Summary);

    private sealed record StatusRule(Func<int, bool> Matches, bool IsTransient, string Advice);
}
