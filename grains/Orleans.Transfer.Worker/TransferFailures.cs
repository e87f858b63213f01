namespace Orleans.Transfer.Worker;

/// <summary>Failures about the source and what the server sent, with messages that say what happened and what to do.</summary>
internal static class TransferFailures
{
    public static TransferFailure InvalidResponse(string url, string problem) => new(
        TransferErrorCode.InvalidServerResponse,
        ErrorContext.RemoteFile,
        $"Unusable response from {url}: {problem}",
        HttpStatus: null,
        IsTransient: false);

    public static TransferFailure UnrequestedEncoding(string url, string encoding) => new(
        TransferErrorCode.InvalidServerResponse,
        ErrorContext.RemoteFile,
        $"{url} answered with Content-Encoding '{encoding}' although only identity was accepted; the body is not the file. The job retries later; if it persists, fix the server or proxy.",
        HttpStatus: null,
        IsTransient: true);

    public static TransferFailure InvalidRange(string url, string problem) => new(
        TransferErrorCode.InvalidRange,
        ErrorContext.RemoteFile,
        $"Invalid byte range for {url}: {problem} Fix the file's ranges and resume the job.",
        HttpStatus: 416,
        IsTransient: false);

    /// <summary>A redirect the job may not follow: BITS reports the 30x status with the location as the remote name.</summary>
    public static TransferFailure RedirectRefused(string url, int status, string location, string reason) => new(
        TransferErrorCode.RedirectRefused,
        ErrorContext.RemoteFile,
        $"HTTP {status} from {url} redirects to {location}, which is refused: {reason}.",
        HttpStatus: status,
        IsTransient: false);

    public static TransferFailure RangesWithDynamicContent(string url) => new(
        TransferErrorCode.InvalidRange,
        ErrorContext.RemoteFile,
        $"The file {url} names byte ranges, but the job has dynamic content, which never sends Range requests. Remove the "
            + "ranges (add the file again without them) or turn dynamic content off, then resume the job.",
        HttpStatus: null,
        IsTransient: false);

    public static TransferFailure NetworkDisconnected(string url) => new(
        TransferErrorCode.NetworkDisconnected,
        ErrorContext.Transport,
        $"The machine has no usable network connection, so {url} cannot be reached; the job continues by itself when the network returns.",
        HttpStatus: null,
        IsTransient: true);

    public static TransferFailure SourceNotFound(string path, ErrorContext context) => new(
        TransferErrorCode.SourceNotFound,
        context,
        $"The source file {path} does not exist; fix the path and resume the job.",
        HttpStatus: null,
        IsTransient: false);
}
