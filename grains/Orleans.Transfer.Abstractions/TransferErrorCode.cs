namespace Orleans.Transfer;

/// <summary>
/// Stable error codes, named after BITS' <c>BG_E_*</c> codes where one exists. Values never change; new codes are
/// appended.
/// </summary>
public enum TransferErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The operation is not allowed in the job's current state (BG_E_INVALID_STATE).</summary>
    InvalidState = 1,

    /// <summary>Resume was called on a job with no files (BG_E_EMPTY).</summary>
    Empty = 2,

    /// <summary>No job has this id (BG_E_NOT_FOUND).</summary>
    NotFound = 3,

    /// <summary>A value is malformed or out of range; the message names the field.</summary>
    InvalidArgument = 4,

    /// <summary>The remote URL is not an absolute http, https or file URL.</summary>
    InvalidUrl = 5,

    /// <summary>The URL's scheme is not supported.</summary>
    UnsupportedScheme = 6,

    /// <summary>The URL is longer than 2,200 characters.</summary>
    UrlTooLong = 7,

    /// <summary>The local path is relative, traverses with "..", or is otherwise unusable.</summary>
    InvalidLocalPath = 8,

    /// <summary>The destination directory does not exist.</summary>
    DestinationNotFound = 9,

    /// <summary>The destination directory cannot be written by the service.</summary>
    DestinationNotWritable = 10,

    /// <summary>Another active job already downloads to this local path.</summary>
    DestinationInUse = 11,

    /// <summary>A display name or description is longer than its limit.</summary>
    NameTooLong = 12,

    /// <summary>A byte range is empty, overlapping, or outside the remote file (BG_E_INVALID_RANGE).</summary>
    InvalidRange = 13,

    /// <summary>The job type is not supported yet.</summary>
    NotSupported = 14,

    /// <summary>A job with this id already exists.</summary>
    AlreadyExists = 15,

    /// <summary>
    /// The caller may not do this: the job belongs to another owner, the operation is for administrators, or the job's
    /// owner may not read a source file it names.
    /// </summary>
    AccessDenied = 16,

    /// <summary>The service could not establish who is calling (no peer credentials on the connection).</summary>
    NotAuthenticated = 17,

    /// <summary>What answers at the service's address is not the service: it runs as another account, or its certificate is not the service's.</summary>
    ServiceNotTrusted = 18,

    /// <summary>
    /// A local source (file URL or absolute path) is not a regular file: a FIFO, a device, a socket or a directory,
    /// which the service refuses to read.
    /// </summary>
    SourceNotRegularFile = 19,

    /// <summary>
    /// The destination (or a file's temporary name) holds a directory, device, FIFO, socket or symbolic link, which the
    /// service never replaces.
    /// </summary>
    DestinationNotRegularFile = 20,

    /// <summary>
    /// A client certificate cannot be used: its file cannot be read with the owner's rights, its password is wrong, it
    /// has no private key, or its store is not offered on this platform. The message names the file or store.
    /// </summary>
    ClientCertificateInvalid = 21,

    /// <summary>The server answered with an HTTP status that is not success (see the error's HTTP status).</summary>
    HttpStatus = 100,

    /// <summary>The connection failed, dropped, or stalled.</summary>
    NetworkError = 101,

    /// <summary>The server sent a response this service cannot use (bad Content-Range, wrong length).</summary>
    InvalidServerResponse = 102,

    /// <summary>Reading the local source or writing the destination failed.</summary>
    LocalIoError = 103,

    /// <summary>The source file (file:// or absolute path) does not exist.</summary>
    SourceNotFound = 104,

    /// <summary>A temporary file could not be renamed to its final name on Complete.</summary>
    RenameFailed = 105,

    /// <summary>The host name could not be resolved (DNS); transient, the job retries later.</summary>
    DnsFailure = 106,

    /// <summary>The server refused the connection (nothing listens on the port); transient.</summary>
    ConnectionRefused = 107,

    /// <summary>The connection was reset or aborted by the peer or a middlebox; transient.</summary>
    ConnectionReset = 108,

    /// <summary>No connection, or no response headers, within the configured timeout; transient.</summary>
    Timeout = 109,

    /// <summary>The response body stopped delivering bytes for the stall timeout; transient.</summary>
    Stall = 110,

    /// <summary>The response body ended before its announced length; transient, the bytes received are kept.</summary>
    TruncatedBody = 111,

    /// <summary>The TLS handshake or the server certificate failed; fatal until the URL or trust is fixed.</summary>
    TlsFailure = 112,

    /// <summary>Too many redirects, usually a redirect loop; fatal.</summary>
    RedirectLoop = 113,

    /// <summary>The destination disk (or quota) is full; transient, the data already written is kept.</summary>
    DiskFull = 114,

    /// <summary>The temporary file was deleted or changed under the service too often; transient.</summary>
    TempFileLost = 115,

    /// <summary>A bandwidth policy of zero blocks background transfers now (BG_E_BLOCKED_BY_POLICY); transient.</summary>
    BlockedByPolicy = 116,

    /// <summary>
    /// The machine has no usable network connection (BG_E_NETWORK_DISCONNECTED); transient, not counted as an error, and
    /// retried as soon as the network returns.
    /// </summary>
    NetworkDisconnected = 117,

    /// <summary>
    /// The file is larger than the service's (or the job's) maximum download size; fatal, and its partial data is
    /// deleted.
    /// </summary>
    TooLarge = 118,

    /// <summary>The source sent slower than the minimum rate over the rate window; transient, the bytes received are kept.</summary>
    TooSlow = 119,

    /// <summary>
    /// A server (401) or proxy (407) asked for authentication the job has no credentials for, or refused the ones it
    /// has (BG_E_HTTP_ERROR_401/407); fatal. The message names the target and the schemes the peer offered.
    /// </summary>
    AuthenticationRequired = 120,

    /// <summary>
    /// The server redirected and the job's redirect policy refuses it, or the redirect goes from https to http
    /// (BG_E_HTTP_ERROR_30x with BG_HTTP_REDIRECT_POLICY_DISALLOW); fatal. The message names the location.
    /// </summary>
    RedirectRefused = 121,

    /// <summary>The job's proxy settings cannot be used on this machine or name an unusable proxy (BG_E_INVALID_PROXY_INFO); fatal.</summary>
    InvalidProxy = 122,

    /// <summary>
    /// An upload's local file changed (size or last-write time) after the upload started (B64); fatal. Resume sends the
    /// file again from the start in a new session.
    /// </summary>
    LocalFileChanged = 123,

    /// <summary>
    /// The upload server's application (the virtual directory's notification URL) failed the upload-reply, context
    /// RemoteApplication (B41); transient or fatal as BITS maps the application's status (403 is always fatal).
    /// </summary>
    ServerApplicationError = 124,

    /// <summary>
    /// The upload server refused the upload with a BITS error (<c>BITS-Error-Code</c>: the message names the HRESULT), for
    /// example no common protocol or a malformed packet; fatal unless the HTTP status is transient.
    /// </summary>
    UploadRefused = 125,

    /// <summary>
    /// The job's transfer policy does not allow the network's current cost (B84: metered, roaming, over its data limit;
    /// BG_E_TRANSIENT_ERROR with cost the reason); transient, not counted as an error, no back-off, the bytes kept, and the
    /// job continues as soon as the cost or its policy allows it.
    /// </summary>
    NetworkCostNotAllowed = 126,

    /// <summary>
    /// A downloaded file does not match its expected digest (given by the caller with the file, or by the server's
    /// Repr-Digest, Content-Digest or Digest header) twice in one run: the first mismatch restarts the file from zero,
    /// the second fails it; fatal, the partial data is deleted. The message names the algorithm, where the expected
    /// digest came from, and the expected and actual digests in hex.
    /// </summary>
    ContentDigestMismatch = 127,

    /// <summary>The job spent longer than its MaxDownloadTime connecting and transferring (BG_E_MAXDOWNLOAD_TIMEOUT).</summary>
    MaxDownloadTimeExceeded = 200,

    /// <summary>The job made no progress within its NoProgressTimeout after a transient error.</summary>
    NoProgressTimeout = 201,

    /// <summary>The owner already has as many unfinished jobs as allowed (BG_E_TOO_MANY_JOBS_PER_USER).</summary>
    TooManyJobsPerOwner = 202,

    /// <summary>The service already holds as many unfinished jobs as allowed (BG_E_TOO_MANY_JOBS_PER_MACHINE).</summary>
    TooManyJobs = 203,

    /// <summary>The job would have more files than allowed (BG_E_TOO_MANY_FILES_IN_JOB).</summary>
    TooManyFiles = 204,

    /// <summary>
    /// The job's stored state could not be read (corrupt, or written by a newer version); it can only be cancelled.
    /// </summary>
    JobDamaged = 206,

    /// <summary>
    /// The job has a local path outside the cluster's shared roots, so only a silo of the host that created it may run it,
    /// and none is in the cluster now; transient: the job continues when that host's silo returns (docs/cluster.md).
    /// </summary>
    JobHostUnavailable = 207,

    /// <summary>An unexpected internal failure; see the message.</summary>
    Internal = 999,
}
