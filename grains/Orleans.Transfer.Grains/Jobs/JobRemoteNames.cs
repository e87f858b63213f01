using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Kinds.Upload;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// New remote URLs for files not yet transferred (BITS SetRemoteName, bitsadmin /ReplaceRemotePrefix). A file keeps its
/// checkpoint (bytes, validators, size): the worker keeps the bytes when the new URL serves the same content and starts
/// the file again otherwise. Each URL is validated by the transport registry, as when files are added.
/// </summary>
internal sealed partial class JobRemoteNames(
    Guid jobId,
    Func<TransferJobState> job,
    JobKindRegistry kinds,
    ITransportRegistry transports,
    JobChanges changes,
    ILogger logger)
{
    private TransferJobState Job => job();

    public async Task<JobInfo> SetRemoteUrlAsync(int fileIndex, string remoteUrl)
    {
        JobStateMachine.EnsureNotFinal(Job.State, "change a remote URL of");
        if (fileIndex < 0 || fileIndex >= Job.Files.Count)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"fileIndex is {fileIndex}; the job has {Job.Files.Count} file(s), numbered from 0.",
                "fileIndex");
        }

        var file = Job.Files[fileIndex];
        if (file.Completed)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                $"files[{fileIndex}] is already transferred; only a file not yet transferred can get a new remote URL.",
                "fileIndex");
        }

        Change(file, Resolve(file, remoteUrl, "remoteUrl"));
        LogRemoteUrlChanged(logger, jobId, fileIndex);
        return await changes.CommitAsync();
    }

    /// <summary>All or nothing: every matching URL is validated before any changes; none matching changes nothing.</summary>
    public async Task<JobInfo> ReplaceRemotePrefixAsync(string oldPrefix, string newPrefix)
    {
        JobStateMachine.EnsureNotFinal(Job.State, "change the remote URLs of");
        if (string.IsNullOrEmpty(oldPrefix))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "oldPrefix is required, such as http://old-server/.", "oldPrefix");
        }

        if (string.IsNullOrEmpty(newPrefix))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, "newPrefix is required, such as http://new-server/.", "newPrefix");
        }

        var replaced = new List<(JobFileState File, string Url)>();
        for (var i = 0; i < Job.Files.Count; i++)
        {
            var file = Job.Files[i];
            if (!file.Completed && file.RemoteUrl.StartsWith(oldPrefix, StringComparison.Ordinal))
            {
                replaced.Add((file, Resolve(file, newPrefix + file.RemoteUrl[oldPrefix.Length..], $"files[{i}].remoteUrl")));
            }
        }

        if (replaced.Count == 0)
        {
            return changes.Info();
        }

        foreach (var (file, url) in replaced)
        {
            Change(file, url);
        }

        LogRemotePrefixReplaced(logger, jobId, replaced.Count);
        return await changes.CommitAsync();
    }

    private string Resolve(JobFileState file, string? remoteUrl, string field)
    {
        var remote = transports.Resolve(remoteUrl, field, kinds.Get(Job.Type).DirectionOf(file));
        RangeValidator.RequireSupported(remote, file.Ranges.Count, field);
        if (Job.Type == JobType.UploadReply)
        {
            UploadFiles.RequireReply(remote, field);
        }

        return remote.RemoteName;
    }

    /// <summary>
    /// The checkpoint stays; what described the old server alone goes: where it redirected, and whether it ignored Range.
    /// </summary>
    private static void Change(JobFileState file, string remoteUrl)
    {
        file.RemoteUrl = remoteUrl;
        file.FinalUrl = null;
        file.RangeUnsupported = false;
    }
}
