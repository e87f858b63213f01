namespace Orleans.Transfer.PowerShell;

/// <summary>
/// A transfer job in the pipeline, with BitsJob's property names: a snapshot taken when the cmdlet read it, not a live
/// object (read it again with <c>Get-XferTransfer -JobId</c>). Jobs listed by <c>Get-XferTransfer</c> come from the
/// service's catalog, which has no type, description, error or files: those members are null there.
/// </summary>
public sealed class XferJob
{
    internal XferJob(JobInfo job)
    {
        JobId = job.Id;
        DisplayName = job.DisplayName;
        Description = job.Description;
        TransferType = job.Type;
        JobState = job.State;
        Priority = job.Priority;
        OwnerAccount = job.Owner;
        BytesTotal = job.Progress.BytesTotal;
        BytesTransferred = job.Progress.BytesTransferred;
        FilesTotal = job.Progress.FilesTotal;
        FilesTransferred = job.Progress.FilesTransferred;
        CreationTime = job.Times.Created;
        ModificationTime = job.Times.Modified;
        TransferCompletionTime = job.Times.TransferCompleted;
        ErrorCode = job.Error?.Code;
        ErrorContext = job.Error?.Context;
        ErrorDescription = job.Error?.Message;
        HttpStatus = job.Error?.HttpStatus;
        ErrorCount = job.ErrorCount;
        RetryInterval = (int)job.MinimumRetryDelay.TotalSeconds;
        RetryTimeout = (int)job.NoProgressTimeout.TotalSeconds;
        MaxDownloadTime = (int)job.MaxDownloadTime.TotalSeconds;
        MaxBytesPerSecond = job.MaxBytesPerSecond;
        TransferPolicy = job.CostPolicy is { } policy ? Transfer.TransferPolicy.Name(policy) : null;
        FileList = [.. job.Files.Select(file => new XferFile(file))];
    }

    internal XferJob(JobSummary job)
    {
        JobId = job.Id;
        DisplayName = job.DisplayName;
        JobState = job.State;
        Priority = job.Priority;
        OwnerAccount = job.Owner;
        BytesTotal = job.Progress.BytesTotal;
        BytesTransferred = job.Progress.BytesTransferred;
        FilesTotal = job.Progress.FilesTotal;
        FilesTransferred = job.Progress.FilesTransferred;
        CreationTime = job.Created;
        ModificationTime = job.Modified;
    }

    /// <summary>The job id; cmdlets bind it from the pipeline by this name.</summary>
    public Guid JobId { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; }

    /// <summary>The description, or null for a listed job.</summary>
    public string? Description { get; }

    /// <summary>Download, Upload or UploadReply; null for a listed job.</summary>
    public JobType? TransferType { get; }

    /// <summary>The state when read.</summary>
    public JobState JobState { get; }

    /// <summary>The priority.</summary>
    public JobPriority Priority { get; }

    /// <summary>The owner the service recorded (<c>unix:&lt;uid&gt;</c> or a Windows SID).</summary>
    public string OwnerAccount { get; }

    /// <summary>Bytes of all files, or null while a size is unknown.</summary>
    public long? BytesTotal { get; }

    /// <summary>Bytes transferred (a listed job: as of its last checkpoint).</summary>
    public long BytesTransferred { get; }

    /// <summary>Files in the job.</summary>
    public int FilesTotal { get; }

    /// <summary>Files transferred.</summary>
    public int FilesTransferred { get; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreationTime { get; }

    /// <summary>When the job last changed.</summary>
    public DateTimeOffset ModificationTime { get; }

    /// <summary>When every file was transferred, or null.</summary>
    public DateTimeOffset? TransferCompletionTime { get; }

    /// <summary>The stable code of the job's error while in Error or TransientError, else null.</summary>
    public TransferErrorCode? ErrorCode { get; }

    /// <summary>Where the error came from.</summary>
    public ErrorContext? ErrorContext { get; }

    /// <summary>What went wrong and what to do.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the error, when the server sent one.</summary>
    public int? HttpStatus { get; }

    /// <summary>Errors since the job last made progress.</summary>
    public int? ErrorCount { get; }

    /// <summary>Seconds before a job in TransientError retries (BITS MinimumRetryDelay).</summary>
    public int? RetryInterval { get; }

    /// <summary>Seconds a job may make no progress in TransientError before it goes to Error (BITS NoProgressTimeout).</summary>
    public int? RetryTimeout { get; }

    /// <summary>Seconds the job may spend connecting and transferring.</summary>
    public int? MaxDownloadTime { get; }

    /// <summary>The job's own bandwidth cap in bytes per second, or null.</summary>
    public long? MaxBytesPerSecond { get; }

    /// <summary>The transfer policy in force (a preset name or a mask), or null.</summary>
    public string? TransferPolicy { get; }

    /// <summary>The files in transfer order; null for a listed job.</summary>
    public IReadOnlyList<XferFile>? FileList { get; }

    /// <inheritdoc />
    public override string ToString() => JobId.ToString();
}
