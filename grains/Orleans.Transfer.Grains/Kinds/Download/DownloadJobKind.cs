using Microsoft.Extensions.Logging;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Grains.Kinds.Download;

/// <summary>
/// Download jobs: http(s), file or smb sources onto this machine's disk, through a hidden temporary file beside each
/// destination (<see cref="TempFileNames"/>) that Complete renames into place and Cancel deletes.
/// </summary>
internal sealed partial class DownloadJobKind(
    ITransportRegistry transports,
    IFileFinisher finisher,
    ILogger<DownloadJobKind> logger) : IJobKind
{
    public JobType Type => JobType.Download;

    public IReadOnlyList<JobFileState> CreateFiles(Guid jobId, IReadOnlyList<FileSpec> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var created = new List<JobFileState>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var (remoteUrl, localPath, digest) = JobInputValidator.ValidateFile(files[i], i, transports);
            created.Add(new JobFileState
            {
                RemoteUrl = remoteUrl,
                LocalPath = localPath,
                TempPath = TempFileNames.For(localPath, jobId),
                Ranges = files[i].Ranges?.ToList() ?? [],
                Digest = digest,
            });
        }

        return created;
    }

    public TransferDirection DirectionOf(JobFileState file) => TransferDirection.Download;

    public bool MayTransferAgain => true;

    public async Task KeepAsync(Guid jobId, string owner, JobFileState file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            await finisher.MoveIntoPlaceAsync(owner, file.TempPath, file.LocalPath, ExpectedOf(file));
        }
        catch (TransferJobException e) when (NamesTheFile(e))
        {
            throw AtFile(e, index);
        }

        file.InPlace = true;
    }

    /// <summary>Moves the files in a few trips to the owner's threads rather than one per file (one job of many small files).</summary>
    public async Task KeepManyAsync(Guid jobId, string owner, IReadOnlyList<JobFileState> files, int first)
    {
        ArgumentNullException.ThrowIfNull(files);
        var moves = new FileMove[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            moves[i] = new FileMove(files[i].TempPath, files[i].LocalPath, ExpectedOf(files[i]));
        }

        var result = await finisher.MoveManyIntoPlaceAsync(owner, moves);
        for (var i = 0; i < result.Moved; i++)
        {
            files[i].InPlace = true;
        }

        if (result.Failure is { } failure)
        {
            throw NamesTheFile(failure) ? AtFile(failure, first + result.Moved) : failure;
        }
    }

    // Only the last checkpoint's file: after a takeover another file has the name (docs/cluster.md, "Fencing").
    private static FileIdentity? ExpectedOf(JobFileState file) =>
        file is { TempFileDevice: { } device, TempFileInode: { } inode } ? new FileIdentity(device, inode) : null;

    private static bool NamesTheFile(TransferJobException e) => e.Code is TransferErrorCode.RenameFailed or TransferErrorCode.DestinationNotRegularFile;

    private static TransferJobException AtFile(TransferJobException e, int index) => new(
        e.Code,
        $"files[{index}]: {e.Message} Fix the cause and complete the job again, or cancel it.",
        $"files[{index}].localPath");

    public async Task DiscardAsync(Guid jobId, string owner, JobFileState file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (await finisher.DeleteAsync(owner, file.TempPath) is { } failure)
        {
            LogTempFileNotDeleted(logger, failure, jobId, file.TempPath);
        }
    }
}
