using Microsoft.Extensions.Options;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Placement;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Notifications;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// What a create does before its write, shared by the job's own create (<see cref="JobController.CreateAsync"/>) and
/// the batch create (<see cref="JobBatchGrain"/>): the request checked completely, then the new job's state filled in.
/// The owner's rights on the local paths are checked between the two by the caller, which may check many jobs' paths
/// in one trip.
/// </summary>
internal sealed class JobCreation(
    JobKindRegistry kinds,
    IOptions<TransferJobOptions> options,
    WebhookDestinationPolicy webhookPolicy,
    JobHostPinning pinning,
    TimeProvider timeProvider)
{
    /// <summary>Checks everything but the disk; the HTTP secrets come back encrypted with <paramref name="secrets"/>.</summary>
    public JobDraft Prepare(Guid jobId, CreateJobRequest request, JobSecrets secrets)
    {
        JobInputValidator.ValidateRequest(request);
        webhookPolicy.Validate(request.Notifications);
        var kind = kinds.Get(request.Type);
        var replyPath = kind.PrepareReplyPath(request.ReplyPath);
        var files = NewFiles.Prepare(kind, jobId, new JobFilesContext(0, replyPath), request.Files ?? [], [], options.Value.MaxFilesPerJob);
        var http = JobHttp.Prepare(secrets, request.Http, request.Credentials, files);
        return new JobDraft(request, replyPath, files, http, kind.LocalPaths(files, replyPath));
    }

    /// <summary>The history entry of a new job.</summary>
    public static string CreatedMessage(TransferJobState job, JobState initial) =>
        $"Created: {job.Type} job '{job.DisplayName}' of {job.Files.Count} file(s), {initial}";

    /// <summary>Fills in <paramref name="job"/>, a new state, from the checked draft; returns the job's first state.</summary>
    public JobState Fill(TransferJobState job, JobDraft draft)
    {
        var request = draft.Request;
        var initial = request.Resume ? JobStateMachine.Resume(JobState.Suspended, draft.Files.Count, allFilesTransferred: false) : JobState.Suspended;
        var now = timeProvider.GetUtcNow();
        job.Exists = true;
        job.LastActivityAt = now;
        job.Created = now;
        job.Modified = now;
        job.DisplayName = request.DisplayName;
        job.Description = request.Description ?? "";
        job.Type = request.Type;
        job.Priority = request.Priority;
        job.Owner = request.Owner;
        job.MinimumRetryDelay = request.MinimumRetryDelay ?? job.MinimumRetryDelay;
        job.NoProgressTimeout = request.NoProgressTimeout ?? job.NoProgressTimeout;
        job.MaxDownloadTime = request.MaxDownloadTime ?? job.MaxDownloadTime;
        job.MaxBytesPerSecond = request.MaxBytesPerSecond is > 0 ? request.MaxBytesPerSecond : null;
        job.Notifications = request.Notifications;
        job.Http = draft.Http;
        job.ReplyPath = draft.ReplyPath;
        job.CostPolicy = (uint?)request.CostPolicy;
        job.CompleteWhenTransferred = request.CompleteWhenTransferred;
        job.Files.AddRange(draft.Files);
        job.PinnedHost = pinning.PinFor(draft.Files.Select(f => f.LocalPath).Append(draft.ReplyPath));
        job.State = initial;
        return initial;
    }
}
