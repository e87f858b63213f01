using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>One file for the transfer worker to move between a remote name and a local file.</summary>
/// <param name="JobId">The job, for logs.</param>
/// <param name="FileIndex">The file's index in the job, for logs and errors.</param>
/// <param name="RemoteUrl">Validated absolute remote name (see <see cref="ITransportRegistry.Resolve"/>).</param>
/// <param name="TempPath">
/// Absolute path of the local side: for a download the temporary file in the destination directory, for an upload
/// the file to send.
/// </param>
/// <param name="Ranges">Byte ranges to transfer in order; empty for the whole file.</param>
/// <param name="Checkpoint">Where the previous attempt got to; the sink resumes from it (or from what it still holds).</param>
/// <param name="Priority">The job's priority: Foreground ignores the silo's background and priority caps.</param>
/// <param name="MaxBytesPerSecond">The job's own cap in bytes per second; null is unlimited, 0 blocks.</param>
/// <param name="Direction">Download (remote to <paramref name="TempPath"/>) or Upload (<paramref name="TempPath"/> to remote).</param>
/// <param name="MaxFileBytes">
/// The job's own limit on the file's size for a download, or null for none; the service's
/// <see cref="TransferWorkerOptions.MaxFileBytes"/> applies too, whichever is lower.
/// </param>
/// <param name="Owner">
/// The job's owner, whose rights every local file operation is made with (see docs/security.md); null for the
/// service's own files, which get the trusted-service account.
/// </param>
/// <param name="Http">The job's HTTP options for this run, or null for the defaults (the shared connection pool).</param>
/// <param name="ExpectReply">
/// An upload of an UploadReply job: the final fragment's Ack must carry BITS-Reply-URL (reported on Completed), and
/// the session stays open for the reply's download; the job closes it afterwards (<see cref="IUploadSessionControl"/>).
/// Otherwise the upload's sink sends Close-Session itself once the server acknowledged the last byte.
/// </param>
/// <param name="Digest">
/// A download's expected content digest from the caller: the file completes only when its bytes match it (and any
/// digest the server sends); null for none. Not used for uploads or ranged files.
/// </param>
/// <param name="SingleConnection">
/// Other files of the job are in flight beside this one: it takes one connection, not segments, so a job of many large
/// files holds as many connections as files in flight.
/// </param>
/// <param name="TakeOverHeldTempFile">
/// The silo whose worker last held the job's temporary files was declared dead: a temporary file still locked (by that
/// hung or cut-off process) is taken over (<see cref="OwnerFiles.IOwnerFileSystem.TakeOverTempAsync"/>) instead of
/// refused. The job grain decides it, after its own state write fenced the old activation off (docs/cluster.md).
/// </param>
/// <param name="QuietConnect">
/// The job already reports Transferring: a download that starts from zero sends no Connected event (its checkpoint holds
/// no bytes, so nothing a resume could keep); the remote facts, note and final URL it would carry go with the file's
/// next event instead. A job of many small files saves the grain a turn per file.
/// </param>
/// <param name="Connections">
/// The job's cap on connections to one server, shared by all its runs (<see cref="ServerConnectionCap"/>): an HTTP(S)
/// download waits for a slot before each request and splits into no more segments than the cap leaves; null for none.
/// </param>
public sealed record FileTransferRequest(
    Guid JobId,
    int FileIndex,
    string RemoteUrl,
    string TempPath,
    IReadOnlyList<ByteRange> Ranges,
    FileCheckpoint Checkpoint,
    JobPriority Priority = JobPriority.Normal,
    long? MaxBytesPerSecond = null,
    TransferDirection Direction = TransferDirection.Download,
    long? MaxFileBytes = null,
    string? Owner = null,
    HttpTransferOptions? Http = null,
    bool ExpectReply = false,
    ContentDigest? Digest = null,
    bool SingleConnection = false,
    bool TakeOverHeldTempFile = false,
    bool QuietConnect = false,
    ServerConnectionCap? Connections = null);
