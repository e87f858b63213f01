using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Tests.FakeKind;

/// <summary>
/// A job kind that exists only in tests, registered for <see cref="JobType.Upload"/> (replacing the service's own in its silo):
/// it stages every file in a directory of its own, named by job and file index, and Complete moves the staged files to
/// their destinations. It shows that a kind decides validation, temporary data and finishing, and nothing else changes.
/// </summary>
internal sealed class StagedJobKind(IFileFinisher finisher) : IJobKind
{
    public static string StagingDirectory { get; } = Directory.CreateTempSubdirectory("xfer-staged-").FullName;

    public JobType Type => JobType.Upload;

    // Its tests stage files under paths that need not exist: the owner's create-time checks are not what they test.
    public IReadOnlyList<LocalPathCheck> LocalPaths(IReadOnlyList<JobFileState> files, string? replyPath) => [];

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files) =>
        [.. files.Select((f, i) =>
        {
            if (!Path.IsPathFullyQualified(f.LocalPath))
            {
                throw new TransferJobException(TransferErrorCode.InvalidLocalPath, "staged files need a full path.", $"files[{i}].localPath");
            }

            return new JobFileState
            {
                RemoteUrl = f.RemoteUrl,
                LocalPath = f.LocalPath,
                TempPath = Path.Combine(StagingDirectory, $"{jobId:N}-{i}.staged"),
            };
        })];

    // It stages a download: the test kind moves bytes the ordinary way and differs only in where they wait.
    public TransferDirection DirectionOf(JobFileState file) => TransferDirection.Download;

    public async Task KeepAsync(Guid jobId, string owner, JobFileState file, int index)
    {
        await finisher.MoveIntoPlaceAsync(owner, file.TempPath, file.LocalPath);
        file.InPlace = true;
    }

    public Task DiscardAsync(Guid jobId, string owner, JobFileState file) => finisher.DeleteAsync(owner, file.TempPath);
}
