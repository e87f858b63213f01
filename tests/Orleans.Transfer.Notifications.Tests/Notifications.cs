using System.Security.Principal;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Notifications.Tests;

/// <summary>Sample jobs and notifications.</summary>
internal static class Notifications
{
    public static readonly DateTimeOffset OccurredAt = new(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);

    /// <summary>The owner id of this test process's own account: its notify commands run without switching users.</summary>
    public static readonly string ServiceOwner = OperatingSystem.IsWindows() ? WindowsOwner() : $"unix:{UnixAccounts.EffectiveUserId()}";

    public static JobNotification Transferred(string displayName = "nightly backup") =>
        Create(JobEventKind.JobTransferred, Job(displayName, JobState.Transferred, error: null));

    /// <summary>A JobTransferred event of a job that belongs to <paramref name="owner"/>.</summary>
    public static JobNotification TransferredFor(string owner) =>
        Create(JobEventKind.JobTransferred, Job("nightly backup", JobState.Transferred, error: null) with { Owner = owner });

    public static JobNotification Error() =>
        Create(
            JobEventKind.JobError,
            Job(
                "nightly backup",
                JobState.Error,
                new JobError(TransferErrorCode.HttpStatus, ErrorContext.RemoteFile, "HTTP 404 Not Found", 404, 1)));

    public static JobNotification FileTransferred() =>
        Create(JobEventKind.FileTransferred, Job("nightly backup", JobState.Transferring, error: null)) with { FileIndex = 0 };

    private static JobNotification Create(JobEventKind kind, JobInfo job) =>
        new(Guid.NewGuid(), job.Id, kind, job, FileIndex: null, OccurredAt);

    private static JobInfo Job(string displayName, JobState state, JobError? error) => new(
        Guid.NewGuid(),
        displayName,
        Description: string.Empty,
        JobType.Download,
        state,
        JobPriority.Normal,
        Owner: ServiceOwner,
        new JobProgress(BytesTotal: 2048, BytesTransferred: 1024, FilesTotal: 2, FilesTransferred: 1),
        Files: [],
        error,
        ErrorCount: error is null ? 0 : 1,
        MinimumRetryDelay: TimeSpan.FromMinutes(10),
        NoProgressTimeout: TimeSpan.FromDays(14),
        new JobTimes(OccurredAt.AddHours(-1), OccurredAt, TransferCompleted: null),
        MaxDownloadTime: TimeSpan.FromDays(90),
        NextRetryAt: null,
        MaxBytesPerSecond: null,
        Notifications: null);

    private static string WindowsOwner()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        using var identity = WindowsIdentity.GetCurrent();
        return identity.User!.Value;
    }
}
