using Orleans.Transfer.Grains.Costs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// Projections of a job's state for callers, watchers and the catalog. Reads only: safe to run while another call is
/// suspended mid-operation (GetInfo interleaves with Complete). The silo (<c>SiloAddress.ToParsableString()</c>) of this
/// activation is shown in the job's info and recorded in its catalog row.
/// </summary>
internal sealed class JobProjector(Guid jobId, Func<TransferJobState> job, ILiveProgress liveProgress, JobCostPolicy costs, string silo)
{
    private TransferJobState Job => job();

    public JobInfo ToInfo() => new(
        jobId,
        Job.DisplayName,
        Job.Description,
        Job.Type,
        Job.State,
        Job.Priority,
        Job.Owner,
        ComputeProgress(live: true),
        Files(0, Job.Files.Count),
        Job.Error,
        Job.ErrorCount,
        Job.MinimumRetryDelay,
        Job.NoProgressTimeout,
        new JobTimes(Job.Created, Job.Modified, Job.TransferCompleted),
        Job.MaxDownloadTime,
        Job.NextRetryAt,
        Job.MaxBytesPerSecond,
        Job.Notifications is { } settings && (settings.WebhookSecret ?? Job.ProtectedWebhookSecret) is not null
            ? settings with { WebhookSecret = JobSecrets.Mask }
            : Job.Notifications,
        ToHttpInfo(Job.Http),
        ToReplyInfo(),
        costs.Effective,
        costs.IsDefault,
        liveProgress.LiveYield(),
        silo,
        Job.CompleteWhenTransferred);

    /// <summary>
    /// An UploadReply job's reply (B52): durable bytes, apart from the job's progress; null for other job types. Before
    /// its file is added, only the reply path the caller named is known.
    /// </summary>
    public JobReplyInfo? ToReplyInfo() => Job.Files is [{ Reply: { } reply }, ..]
        ? new JobReplyInfo(reply.BytesTotal, reply.BytesTransferred, reply.Path)
        : Job.ReplyPath is { } path ? new JobReplyInfo(null, 0, path) : null;

    /// <summary>The job's HTTP options without a secret: credentials by target, scheme and user, headers by name.</summary>
    public static JobHttpInfo ToHttpInfo(JobHttpState? http) => http is null
        ? JobHttpInfo.Default
        : new JobHttpInfo(
            [.. http.Credentials.Select(c => new CredentialInfo(c.Target, c.Scheme, c.UserName))],
            [.. http.HeaderNames],
            http.Proxy,
            http.Redirects,
            http.IgnoreCertificateErrors,
            http.CheckRevocation,
            http.DynamicContent,
            http.MaxDownloadBytes,
            http.ClientCertificate,
            http.Segments);

    /// <summary>Up to <paramref name="count"/> files from <paramref name="offset"/> (clamped to the page limit).</summary>
    public JobFilePage ToFilePage(int offset, int count)
    {
        if (offset < 0)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"offset is {offset}; use 0 or more.", "offset");
        }

        if (count is < 1 or > JobLimits.MaxFilesPageSize)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"count is {count}; use 1 to {JobLimits.MaxFilesPageSize}.",
                "count");
        }

        var total = Job.Files.Count;
        var start = Math.Min(offset, total);
        return new JobFilePage(offset, total, Files(start, Math.Min(count, total - start)));
    }

    public JobProgress ComputeProgress(bool live)
    {
        long? total = 0;
        long transferred = 0;
        var completed = 0;
        for (var i = 0; i < Job.Files.Count; i++)
        {
            var file = Job.Files[i];
            total = total is null || file.BytesTotal is null ? null : total + file.BytesTotal;
            transferred += live ? liveProgress.LiveBytes(i, file.BytesTransferred) : file.BytesTransferred;
            completed += file.Completed ? 1 : 0;
        }

        return new JobProgress(total, transferred, Job.Files.Count, completed);
    }

    /// <summary>The job's event; <paramref name="settled"/> is the notifier's (<see cref="JobSettling"/>).</summary>
    public JobEvent ToEvent(JobEventKind kind, int? fileIndex, DateTimeOffset now, bool settled)
    {
        var progress = ComputeProgress(live: true);

        // A settled Transferred job with the property is one the service failed to complete (B30): its error says why.
        var inError = Job.State is JobState.Error or JobState.TransientError
            || Job is { State: JobState.Transferred, CompleteWhenTransferred: true } && settled;
        return new JobEvent(
            jobId,
            kind,
            Job.State,
            progress.BytesTransferred,
            progress.BytesTotal,
            progress.FilesTransferred,
            progress.FilesTotal,
            fileIndex ?? (inError ? Job.Error?.FileIndex : null),
            inError ? Job.Error?.Code : null,
            now,
            settled);
    }

    /// <summary>
    /// The catalog row: durable bytes only, so the listing never shows more than a restart would keep. Its
    /// complete_when_transferred says the service is to complete the job itself (<see cref="TransferJobState.CompletesItself"/>),
    /// so a job whose completion failed has it 0 (docs/contracts.md, "Complete when transferred"): the start-up's scan
    /// no longer finds it.
    /// </summary>
    public JobCatalogEntry ToCatalogEntry()
    {
        var progress = ComputeProgress(live: false);
        return new JobCatalogEntry(
            jobId,
            Job.DisplayName,
            Job.State,
            Job.Priority,
            Job.Owner,
            progress.BytesTotal,
            progress.BytesTransferred,
            progress.FilesTotal,
            progress.FilesTransferred,
            Job.Created,
            Job.Modified,
            silo,
            Job.PinnedHost,
            Job.CompletesItself);
    }

    private List<JobFileInfo> Files(int offset, int count)
    {
        var files = new List<JobFileInfo>(count);
        for (var i = offset; i < offset + count; i++)
        {
            var f = Job.Files[i];
            files.Add(new JobFileInfo(f.RemoteUrl, f.LocalPath, f.Ranges, f.BytesTotal, liveProgress.LiveBytes(i, f.BytesTransferred), f.Completed, f.Note, f.FinalUrl,
                f.Digest is { } digest ? new JobFileDigest(digest.Algorithm, digest.Hex, f.DigestVerified) : null));
        }

        return files;
    }
}
