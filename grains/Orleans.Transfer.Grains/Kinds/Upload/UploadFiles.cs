using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>What Upload and UploadReply jobs share: their one file's rules, and the upload's request and session.</summary>
internal static class UploadFiles
{
    /// <summary>
    /// B03: exactly one file, its remote an upload URL a transport claims, its local path absolute, no ranges. The
    /// file's temporary path is the file itself: the worker reads it with the owner's rights (B20).
    /// </summary>
    public static IReadOnlyList<JobFileState> Create(
        JobType type, Guid jobId, IReadOnlyList<FileSpec> files, JobFilesContext context, ITransportRegistry transports, bool withReply)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ExistingFiles + files.Count > 1)
        {
            var extra = Math.Max(0, 1 - context.ExistingFiles);
            var has = context.ExistingFiles > 0 ? " and already has it" : "";
            throw new TransferJobException(
                TransferErrorCode.TooManyFiles,
                $"files[{extra}]: an {type} job takes exactly one file (B03){has}; put the files in one archive and upload that, or use one job per file.",
                $"files[{extra}]");
        }

        var created = new List<JobFileState>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var prefix = $"files[{i}]";
            var remote = transports.Resolve(files[i].RemoteUrl, $"{prefix}.remoteUrl", TransferDirection.Upload);
            if (withReply)
            {
                RequireReply(remote, $"{prefix}.remoteUrl");
            }

            var remoteUrl = remote.RemoteName;
            var localPath = LocalPathValidator.Validate(files[i].LocalPath, $"{prefix}.localPath");
            if (files[i].Ranges is { Count: > 0 })
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidRange,
                    $"{prefix}.ranges: an upload sends the whole file; ranges are only for downloads. Leave them out.",
                    $"{prefix}.ranges");
            }

            if (files[i].Digest is not null)
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidArgument,
                    $"{prefix}.digest: digests are checked for downloads only; an upload's bytes are not hashed. Leave it out.",
                    $"{prefix}.digest");
            }

            var file = new JobFileState { RemoteUrl = remoteUrl, LocalPath = localPath, TempPath = localPath };
            if (withReply)
            {
                var replyPath = context.ReplyPath ?? ReplyFileNames.For(localPath, jobId);
                if (string.Equals(replyPath, localPath, StringComparison.Ordinal))
                {
                    throw new TransferJobException(
                        TransferErrorCode.InvalidArgument,
                        $"replyPath '{replyPath}' is the file to upload; name another file for the reply.",
                        "replyPath");
                }

                file.Reply = new JobReplyState { Path = replyPath, TempPath = TempFileNames.For(replyPath, jobId) };
            }

            created.Add(file);
        }

        return created;
    }

    /// <summary>
    /// B128: an UploadReply job needs a server application that answers the upload, which only a BITS upload server
    /// has; a file share (smb) cannot reply.
    /// </summary>
    public static void RequireReply(ResolvedRemote remote, string field)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.Transport == "smb")
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} is a file share (smb), which cannot answer an upload with a reply (B128); use an Upload job to write "
                    + "a file to a share, or an http(s) BITS upload URL for an UploadReply job.",
                field);
        }
    }

    /// <summary>The file's upload session, or null when none is open.</summary>
    public static UploadSessionRef? SessionOf(JobFileState file) =>
        file.UploadSessionId is { } id ? new UploadSessionRef(id, file.UploadHostId, file.UploadHostIdFallbackSeconds) : null;

    public static void KeepSession(JobFileState file, UploadSessionRef session)
    {
        file.UploadSessionId = session.SessionId;
        file.UploadHostId = session.HostId;
        file.UploadHostIdFallbackSeconds = session.HostIdFallbackSeconds;
    }

    public static void ForgetSession(JobFileState file)
    {
        file.UploadSessionId = null;
        file.UploadHostId = null;
        file.UploadHostIdFallbackSeconds = null;
    }

    /// <summary>Where the upload resumes: the file's bytes and its session.</summary>
    public static FileCheckpoint CheckpointOf(JobFileState file) => FileRun.ToCheckpoint(file) with { UploadSession = SessionOf(file) };

    /// <summary>The upload's request, as its runs carry it, from any request of the file (its reply's download included).</summary>
    public static FileTransferRequest UploadRequestOf(FileTransferRequest request, JobFileState file, bool withReply) =>
        request with
        {
            RemoteUrl = file.RemoteUrl,
            TempPath = file.TempPath,
            Checkpoint = CheckpointOf(file),
            Direction = TransferDirection.Upload,
            ExpectReply = withReply,
        };
}
